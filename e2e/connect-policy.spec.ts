/**
 * connect-src names origins, not a scheme (issue 16, item 7): an https origin nobody chose is
 * refused by the browser, while a hosted catalog origin is not; Your model explains a refused
 * address before asking (so the browser has nothing to refuse). Both outside addresses are
 * answered by Playwright, so a fetch the policy let through would succeed: a refusal is the policy's.
 * e2e/static-host.spec.ts checks that the workers carry the same connect-src.
 */
import { expect, test, type Page } from './fixtures';

const NOT_CHOSEN = 'https://not-chosen.example';
const HOSTED_PROBE = 'https://storage.googleapis.com/lumen-connect-probe/model.json';

/** Answers both outside origins (200 with CORS, or 404 for a model.json the view asks for) and records what reached them. */
async function answerOutside(page: Page): Promise<string[]> {
  const reached: string[] = [];
  await page.route(/^https:\/\/(not-chosen\.example|storage\.googleapis\.com\/lumen-connect-probe)\//, (route) => {
    reached.push(route.request().url());
    return route.fulfill({ status: route.request().url() === HOSTED_PROBE ? 404 : 200, headers: { 'access-control-allow-origin': '*' }, body: '{}' });
  });
  return reached;
}

test('an https origin nobody chose is refused by the policy; a hosted catalog origin is not', async ({ page }) => {
  const reached = await answerOutside(page);
  await page.goto('./');
  const policy = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  const connectSrc = policy.split(';').find((d) => d.trim().startsWith('connect-src')) ?? '';
  console.log(connectSrc.trim());
  expect(connectSrc).toContain('https://tfhub.dev');
  expect(connectSrc.split(/\s+/)).not.toContain('https:');

  const outcome = await page.evaluate(
    async ([notChosen, hosted]) => {
      const attempt = (url: string): Promise<string> =>
        fetch(url).then(
          (response) => `HTTP ${response.status}`,
          (error: unknown) => (error instanceof TypeError ? 'TypeError' : String(error)),
        );
      return { notChosen: await attempt(`${notChosen}/model.json`), hosted: await attempt(hosted) };
    },
    [NOT_CHOSEN, HOSTED_PROBE] as const,
  );
  expect(outcome).toEqual({ notChosen: 'TypeError', hosted: 'HTTP 404' });
  expect(reached, 'the refused request never left the browser').toEqual([HOSTED_PROBE]);

  // The violation is the policy's, reported as connect-src; then cleared so the fixture's guard passes.
  await expect
    .poll(() => page.evaluate(() => (window.__lumenCspViolations ?? []).map((v) => `${v.directive} ${v.blocked}`)))
    .toEqual([`connect-src ${NOT_CHOSEN}/model.json`]);
  await page.evaluate(() => {
    window.__lumenCspViolations = [];
  });
});

test('Your model says which origins this deployment loads from when a typed address is on another', async ({ page }) => {
  const reached = await answerOutside(page);
  await page.goto('./?view=custom');
  await page.getByTestId('custom-url').fill(`${NOT_CHOSEN}/my-model/model.json`);
  await page.getByTestId('custom-url-read').click();
  const error = page.getByTestId('custom-error');
  await expect(error).toContainText(
    'This deployment only loads models from: this site, https://storage.googleapis.com, https://tfhub.dev, https://www.kaggle.com, the Hugging Face Hub, a server on this computer (localhost).',
  );
  await expect(error).toContainText(`${NOT_CHOSEN} is not one of them`);
  await expect(error).toContainText("Download the model's files and drop them here instead");
  await page.screenshot({ path: test.info().outputPath('refused-origin.png') });
  expect(reached, 'nothing was asked of the refused origin').toEqual([]);

  // An address on an allowed origin is still asked: its 404 is reported as such.
  await page.getByTestId('custom-url').fill(HOSTED_PROBE);
  await page.getByTestId('custom-url-read').click();
  await expect(error).toContainText(`${HOSTED_PROBE} answered HTTP 404`);
  expect(reached).toEqual([HOSTED_PROBE]);
  // No violation at all: the view refused before the browser had to (the fixture's guard checks it).
});
