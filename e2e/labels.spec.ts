/**
 * One label style for every model: ResNet50's labels file (Keras' class index) writes
 * "Egyptian_cat"; the page shows "Egyptian cat", as it does for the TF-slim models.
 */
import { expect, test } from './fixtures';
import { photoPath, requireShared } from './support';

test.describe('labels', () => {
  requireShared();

  test('ResNet50 labels show with spaces, like every other model', async ({ page }) => {
    requireShared('resnet50');
    await page.goto('./?model=resnet50&backend=wasm');
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
    await page.getByTestId('drop-input').setInputFiles([photoPath('chelsea.png')]);
    const card = page.locator('[data-testid=result][data-status=ok]');
    await expect(card).toHaveCount(1);
    const labels = await card.getByTestId('prediction').allTextContents();
    console.log(`resnet50 on chelsea.png: ${labels.join(' | ')}`);
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.join(' ')).not.toContain('_');
    expect(labels.join(' ')).toMatch(/(Egyptian|tiger|tabby) cat|tabby/);
  });
});
