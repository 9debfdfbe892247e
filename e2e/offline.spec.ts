import { expect, test } from './fixtures';
import { acceptableTop1, classifyPhoto, openOnWasm, requireShared } from './support';

const MODEL = 'mobilenet_v1_025_224_graph';
const FOLDER = `**/models/${MODEL}/**`;
// Both MobileNetV1 0.25 variants get this one right (hot_dog.jpg, say, they do not).
const PHOTO = 'parrot.jpg';

test.describe('Offline model cache', () => {
  requireShared();

  test('a second visit loads from Cache Storage with the model routes blocked, and classifies', async ({ page }) => {
    await openOnWasm(page, `model=${MODEL}`);
    await expect(page.getByTestId('model-info')).toHaveAttribute('data-from-cache', 'false');

    // Every request for the model's folder now fails, from the page and from the worker alike.
    const blocked: string[] = [];
    await page.route(FOLDER, (route) => {
      blocked.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await page.reload();
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('model-info')).toHaveAttribute('data-from-cache', 'true');
    const top1 = await classifyPhoto(page, PHOTO);
    expect(acceptableTop1(PHOTO)).toContain(top1);
    expect(blocked.some((url) => url.endsWith('/lumen-model.json'))).toBe(true);

    // The inspector shows the metadata kept with the cached files, and the cache hit.
    await page.getByTestId('tab-inspect').click();
    await expect(page.getByTestId('inspect-load')).toHaveAttribute('data-from-cache', 'true');
    await expect(page.getByTestId('inspect-metadata')).toContainText('offline');
  });

  test('deleting a cached model from the cache view means the next load needs the network again', async ({ page }) => {
    await openOnWasm(page, `model=${MODEL}&view=inspect`);
    const group = page.locator(`[data-testid=cache-group][data-key="${MODEL}/1.0.0/"]`);
    await expect(group).toBeVisible();
    const bytes = Number(await group.getAttribute('data-bytes'));
    console.log(`cached ${MODEL}: ${bytes} bytes`);
    expect(bytes).toBeGreaterThan(1_800_000);
    await group.getByTestId('cache-delete').click();
    await expect(group).toHaveCount(0);

    // Only the weights are blocked now: model.json still comes, the shard cannot, and nothing is cached.
    await page.route(`**/models/${MODEL}/1.0.0/group1-shard*`, (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'error');
    await expect(page.getByTestId('app-error')).toContainText(`could not download http://127.0.0.1:`);
    await expect(page.getByTestId('app-error')).toContainText(`/${MODEL}/1.0.0/group1-shard1of1`);
  });
});
