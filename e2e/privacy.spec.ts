/**
 * Privacy and the Content-Security-Policy (issue 7, item 8). Every request of the page and of its
 * worker (context 'request' events include both) is recorded across classify, benchmark and
 * inspect: nothing but GETs for the app's own files and model files may leave, none with a body,
 * so no image leaves the device. A second test checks that the policy is really in force and that
 * the fixture's violation guard really sees a violation.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { photoPath, requireShared } from './support';

const MODEL = 'mobilenet_v1_025_224_graph';
const DIST = resolve(import.meta.dirname, '../dist');

interface Sent {
  method: string;
  url: string;
  body: string | null;
  type: string;
}

/** The app's own built files (dist/, as vite preview serves it) or a model file under models/. */
function isAppOrModelFile(url: URL, base: URL): boolean {
  if (url.origin !== base.origin) return false;
  const path = decodeURIComponent(url.pathname);
  if (path === '/' || path === '/index.html') return true;
  if (path.startsWith('/models/')) return true;
  return existsSync(resolve(DIST, `.${path}`));
}

async function runBenchmark(page: Page): Promise<void> {
  await page.getByTestId('tab-benchmark').click();
  await expect(page.getByTestId(`bench-model-${MODEL}`)).toBeChecked();
  await expect(page.getByTestId('bench-backend-wasm')).toBeChecked();
  await page.getByTestId('bench-batches').fill('1');
  await page.getByTestId('bench-warmup').fill('1');
  await page.getByTestId('bench-runs').fill('2');
  // The dropped photos themselves, not random pixels: the images must not leave while being timed either.
  await page.getByTestId('bench-input-images').check();
  await page.getByTestId('bench-start').click();
  await expect(page.getByTestId('bench-status')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('bench-row')).toHaveCount(1);
}

test.describe('privacy', () => {
  requireShared();

  test('classify, benchmark and inspect send nothing but GETs for app and model files, with no body', async ({ page, context, baseURL }) => {
    const base = new URL(baseURL ?? 'http://127.0.0.1:4173/');
    const sent: Sent[] = [];
    context.on('request', (request) => sent.push({ method: request.method(), url: request.url(), body: request.postData(), type: request.resourceType() }));
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));

    await page.goto(`./?model=${MODEL}&backend=wasm`);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
    await page.getByTestId('drop-input').setInputFiles([photoPath('chelsea.png'), photoPath('coffee.png')]);
    await expect(page.locator('[data-testid=result][data-status=ok]')).toHaveCount(2);

    await runBenchmark(page);

    await page.getByTestId('tab-inspect').click();
    await expect(page.getByTestId('inspect-check')).toHaveAttribute('data-status', 'pass');

    const byKind = new Map<string, number>();
    for (const r of sent) byKind.set(`${r.method} ${r.type}`, (byKind.get(`${r.method} ${r.type}`) ?? 0) + 1);
    console.log(`${sent.length} requests: ${[...byKind].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    console.log(sent.map((r) => `  ${r.method} ${r.type} ${r.url.startsWith(base.origin) ? r.url.slice(base.origin.length) : r.url}`).join('\n'));

    // The worker's own requests are in the record (the model's weights are fetched there), so the check covers it.
    expect(sent.some((r) => r.url.includes(`/models/${MODEL}/`) && r.url.includes('shard'))).toBe(true);
    expect(sent.some((r) => r.type === 'script' || r.url.endsWith('.js'))).toBe(true);
    const local = (r: Sent): boolean => r.url.startsWith('blob:') || r.url.startsWith('data:');
    const offending = sent.filter((r) => !local(r) && (r.method !== 'GET' || r.body !== null || !isAppOrModelFile(new URL(r.url), base)));
    expect(offending, 'requests other than GETs for app and model files').toEqual([]);
    // Object URLs (thumbnails) never leave the page; they must still be this page's own.
    expect(sent.filter((r) => r.url.startsWith('blob:') && !r.url.startsWith(`blob:${base.origin}/`))).toEqual([]);
    expect(sockets).toEqual([]);
  });
});

test('the built page carries the policy, and an inline script, an inline style and eval are all refused and reported', async ({ page }) => {
  await page.goto('./');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  console.log(`Content-Security-Policy: ${policy}`);
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);

  const outcome = await page.evaluate(async () => {
    const win = window as Window & { __inlineRan?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.append(script);
    const style = document.createElement('style');
    style.textContent = 'body { --csp-probe: injected; }';
    document.head.append(style);
    // Code run by a page task, not by this evaluation (DevTools may let its own evaluation eval).
    const evalRan = await new Promise<boolean>((done) =>
      setTimeout(() => {
        try {
          done(new Function('return true')() === true);
        } catch {
          done(false);
        }
      }, 0),
    );
    return { inlineRan: win.__inlineRan === true, evalRan, probe: getComputedStyle(document.body).getPropertyValue('--csp-probe') };
  });
  expect(outcome).toEqual({ inlineRan: false, evalRan: false, probe: '' });

  // The fixture's guard records what the page reports; after checking it saw these, clear them so the guard passes.
  await expect
    .poll(() => page.evaluate(() => (window.__lumenCspViolations ?? []).map((v) => v.directive).sort()))
    .toEqual(['script-src', 'script-src-elem', 'style-src-elem']);
  await page.evaluate(() => {
    window.__lumenCspViolations = [];
  });
});
