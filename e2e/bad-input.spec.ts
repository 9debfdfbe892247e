/**
 * Issue 7's bad-input matrix: one drop mixing good photos with every format variant Chromium
 * decodes (each must get the photo's acceptable top-1) and files it cannot read (each an error
 * card naming its problem), generated at test time. Prints one `MATRIX kind | status | message`
 * line per kind for the closing note. Then a WebGL check that a 20000×20000 PNG is decoded at a
 * bounded size instead of hitting the texture limit.
 */
import { rmSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { buildMatrix, type MatrixCase } from './badInputFiles';
import { resolve } from 'node:path';
import { PHOTOS, expectedTop1, openApp, requireShared, settledResults } from './support';

const MODEL = 'mobilenet_v2_100_224';

let matrix: { cases: MatrixCase[]; folder: string; hugeMs: number } | null = null;
/** Why the matrix could not be built: with ../shared there (requireShared passed), a failure, never a skip. */
let matrixError = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const started = performance.now();
  try {
    matrix = await buildMatrix();
  } catch (error) {
    matrixError = String(error);
    return;
  }
  console.log(
    `bad-input matrix: ${matrix.cases.length} files generated in ${Math.round(performance.now() - started)} ms (the 20000² and 40000² PNGs: ${Math.round(matrix.hugeMs)} ms)`,
  );
});

test.afterAll(() => {
  if (matrix) rmSync(matrix.folder, { recursive: true, force: true });
});

/** Each card's status, first prediction, error message (if any) and its "W×H" line, by file name. */
async function cardDetails(page: Page): Promise<Map<string, { error: string; thumbWidth: number; thumbHeight: number }>> {
  const rows = await page.getByTestId('result').evaluateAll((cards) =>
    cards.map((card) => {
      const thumb = card.querySelector('img.thumb');
      return {
        file: card.getAttribute('data-file') ?? '',
        error: card.querySelector('[data-testid=result-error]')?.textContent ?? '',
        thumbWidth: thumb instanceof HTMLImageElement ? thumb.naturalWidth : 0,
        thumbHeight: thumb instanceof HTMLImageElement ? thumb.naturalHeight : 0,
      };
    }),
  );
  return new Map(rows.map((r) => [r.file, r]));
}

test('one drop of good photos and bad files: every file a card, every photo its top-1, every unreadable file its problem', async ({ page }) => {
  requireShared(MODEL);
  if (!matrix) throw new Error(`the bad-input matrix could not be built: ${matrixError}`);
  test.setTimeout(240_000);
  await openApp(page, `?model=${MODEL}&backend=wasm`, 'wasm');
  const { cases } = matrix;
  await page.getByTestId('drop-input').setInputFiles(cases.map((c) => c.path));
  const results = await settledResults(page, cases.length);
  // Thumbnails are blobs the page loads after the card appears: let them finish.
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('img.thumb')).every((img) => img.complete));
  const details = await cardDetails(page);
  const expected = expectedTop1();

  for (const c of cases) {
    const result = results.get(c.file);
    const detail = details.get(c.file);
    const message = detail?.error ?? '';
    const shown =
      result?.status === 'ok'
        ? `top-1 ${result.top1} (${(result.probability * 100).toFixed(1)} %), ${/\d+×\d+/.exec(result.text)?.[0] ?? '?'}, thumbnail ${detail?.thumbWidth}×${detail?.thumbHeight}`
        : message;
    console.log('MATRIX', c.kind, '|', result?.status ?? 'missing', '|', shown);
    expect.soft(result, `${c.kind}: a card for ${c.file}`).toBeDefined();
    switch (c.expected.status) {
      case 'ok': {
        expect.soft(result?.status, `${c.kind}: status (${message})`).toBe('ok');
        if (c.expected.photo) expect.soft(expected.get(c.expected.photo), `${c.kind}: top-1 was ${result?.top1}`).toContain(result?.top1);
        if (c.expected.size) expect.soft(result?.text, `${c.kind}: reported size`).toContain(c.expected.size);
        // The page shows the worker's thumbnail (longest side 160 px), never the full image.
        const longest = Math.max(detail?.thumbWidth ?? 0, detail?.thumbHeight ?? 0);
        expect.soft(longest, `${c.kind}: thumbnail size`).toBeGreaterThan(0);
        expect.soft(longest, `${c.kind}: thumbnail size`).toBeLessThanOrEqual(160);
        // EXIF orientation honoured in the pixels too: the stored landscape pixels come out portrait.
        if (c.expected.portrait) expect.soft(detail?.thumbHeight, `${c.kind}: upright thumbnail`).toBeGreaterThan(detail?.thumbWidth ?? Infinity);
        break;
      }
      case 'error':
        expect.soft(result?.status, `${c.kind}: status`).toBe('error');
        expect.soft(message, `${c.kind}: message`).toMatch(c.expected.message);
        break;
      case 'ok-or-error':
        if (result?.status !== 'ok') expect.soft(message, `${c.kind}: message`).toMatch(c.expected.message);
        break;
    }
  }
});

test('webgl: a 20000×20000 PNG is decoded at a bounded size and classified, not refused for the texture limit', async ({ page }) => {
  requireShared(MODEL);
  if (!matrix) throw new Error(`the bad-input matrix could not be built: ${matrixError}`);
  const huge = matrix?.cases.find((c) => c.file === 'chelsea-20000.png');
  if (!huge) return;
  test.setTimeout(240_000);
  await openApp(page, `?model=${MODEL}&backend=webgl`, 'webgl');
  await page.getByTestId('drop-input').setInputFiles([huge.path, resolve(PHOTOS, 'coffee.png')]);
  const results = await settledResults(page, 2);
  const result = results.get(huge.file);
  console.log('MATRIX', 'PNG 20000×20000 on webgl', '|', result?.status, '|', result?.status === 'ok' ? `top-1 ${result.top1}` : result?.text);
  expect(result?.text).not.toMatch(/texture/i);
  expect(result?.status).toBe('ok');
  expect(result?.text).toContain('20000×20000');
  expect(expectedTop1().get('chelsea.png')).toContain(result?.top1);
  expect(results.get('coffee.png')?.status).toBe('ok');
});
