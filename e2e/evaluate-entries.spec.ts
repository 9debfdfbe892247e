/**
 * Evaluate's entries as models × runtimes × backends (the Benchmark form's pickers), and a folder
 * dropped onto the view instead of chosen. A tiny folder (5 sample images, by synset) keeps the
 * WebGL pass (SwiftShader here) short.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { hasWebGpuAdapter, IMAGENET_SAMPLE, isInstalled, openOnWasm, requireShared } from './support';

const TINY = 'mobilenet_v1_025_224_graph';
const V2 = 'mobilenet_v2_100_224';
const V2_ONNX = 'mobilenet_v2_100_224_onnx';
const IMAGES = 5;

/** Five sample images, each in a folder named by its synset. */
function tinyFolder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'lumen-evaluate-entries-')), 'tiny');
  const lines = readFileSync(join(IMAGENET_SAMPLE, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
  for (const line of lines.filter((_, i) => i % 200 === 0).slice(0, IMAGES)) {
    const [file = '', , synset = ''] = line.split(',');
    mkdirSync(join(root, synset), { recursive: true });
    copyFileSync(join(IMAGENET_SAMPLE, file), join(root, synset, file));
  }
  return root;
}

async function openEvaluate(page: Page, model: string): Promise<void> {
  await openOnWasm(page, `model=${model}`);
  await page.getByTestId('tab-evaluate').click();
  await expect(page.getByTestId('evaluate-view')).toBeVisible();
}

/** Every file below root as (path from root's parent, bytes): what a dropped folder's walk yields. */
function treeOf(root: string): { path: string; bytes: number[] }[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return walk(root).map((file) => ({ path: relative(join(root, '..'), file), bytes: [...readFileSync(file)] }));
}

/** Drops the folder on the zone: a synthetic DataTransfer cannot carry directories, so its entries are look-alikes (as folders.spec). */
async function dropFolder(page: Page, files: { path: string; bytes: number[] }[]): Promise<void> {
  await page.evaluate((files) => {
    type Node = { name: string; children: Map<string, Node>; file: File | null };
    const root: Node = { name: '', children: new Map(), file: null };
    for (const f of files) {
      const parts = f.path.split('/');
      let node = root;
      for (const part of parts.slice(0, -1)) {
        if (!node.children.has(part)) node.children.set(part, { name: part, children: new Map(), file: null });
        node = node.children.get(part) as Node;
      }
      const name = parts.at(-1) ?? '';
      node.children.set(name, { name, children: new Map(), file: new File([new Uint8Array(f.bytes)], name, { type: 'image/jpeg' }) });
    }
    const entry = (node: Node): object =>
      node.file
        ? { isFile: true, isDirectory: false, name: node.name, file: (ok: (f: File) => void) => ok(node.file as File) }
        : {
            isFile: false,
            isDirectory: true,
            name: node.name,
            createReader: () => {
              // All at once, then the empty batch that ends a real readEntries.
              const batches = [[...node.children.values()].map(entry), []];
              return { readEntries: (ok: (e: object[]) => void) => ok(batches.shift() ?? []) };
            },
          };
    const items = [...root.children.values()].map((n) => ({ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => entry(n) }));
    const drop = new DragEvent('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { items, files: [] } });
    document.querySelector('[data-testid=evaluate-drop-zone]')?.dispatchEvent(drop);
  }, files);
}

async function finish(page: Page, timeout: number): Promise<void> {
  await page.getByTestId('evaluate-start').click();
  await expect(page.getByTestId('evaluate-status')).toHaveAttribute('data-status', 'done', { timeout });
}

test.describe('Evaluate entries', () => {
  requireShared(TINY);

  test('a dropped folder is the folder: same paths and counts as choosing it', async ({ page }) => {
    const root = tinyFolder();
    try {
      await openEvaluate(page, TINY);
      await expect(page.getByTestId('evaluate-drop-zone')).toBeVisible();
      await dropFolder(page, treeOf(root));
      await expect(page.getByTestId('evaluate-mapped')).toHaveText(`${IMAGES} to score`);
      await finish(page, 120_000);
      await expect(page.getByTestId('evaluate-status')).toHaveAttribute('data-total', String(IMAGES));
      await expect(page.getByTestId('evaluate-result')).toHaveAttribute('data-n', String(IMAGES));
    } finally {
      rmSync(join(root, '..'), { recursive: true, force: true });
    }
  });

  test('one model on wasm and webgl: two entries, each on the backend it ran on, the same top-1', async ({ page }) => {
    test.setTimeout(300_000);
    const root = tinyFolder();
    try {
      await openEvaluate(page, TINY);
      await page.getByTestId('evaluate-folder-input').setInputFiles(root);
      await expect(page.getByTestId('evaluate-backend-wasm')).toBeChecked(); // the engine's backend, ticked by default
      await page.getByTestId('evaluate-backend-webgl').check();
      // Where WebGPU cannot start (no adapter here), its entries fail saying so and the others still run.
      const noWebGpu = !(await hasWebGpuAdapter(page));
      if (noWebGpu) await page.getByTestId('evaluate-backend-webgpu').check();
      await finish(page, 240_000);
      if (noWebGpu) await expect(page.getByTestId('evaluate-failure')).toContainText('The webgpu backend could not start');
      const results = page.getByTestId('evaluate-result');
      await expect(results).toHaveCount(2);
      const byEntry = new Map<string, { top1: number; ms: number }>();
      for (const result of await results.all()) {
        const entry = (await result.getAttribute('data-entry')) ?? '';
        byEntry.set(entry, { top1: Number(await result.getAttribute('data-top1')), ms: Number(await result.getAttribute('data-latency-ms')) });
      }
      console.log(`backends on ${IMAGES} images: ${JSON.stringify(Object.fromEntries(byEntry))}`);
      const wasm = byEntry.get(`${TINY}:float32@tfjs/wasm`);
      const webgl = byEntry.get(`${TINY}:float32@tfjs/webgl`);
      expect(wasm && webgl).toBeTruthy();
      expect(Math.abs((wasm?.top1 ?? 0) - (webgl?.top1 ?? 1)) * IMAGES).toBeLessThanOrEqual(1 + 1e-9);
      // The page's own backend is back once the run ends.
      await expect(page.getByTestId('backend')).toHaveText('wasm');
    } finally {
      rmSync(join(root, '..'), { recursive: true, force: true });
    }
  });

  test('the MobileNetV2 family on ONNX Runtime: an entry on ort/wasm', async ({ page }) => {
    test.skip(!isInstalled(V2) || !isInstalled(V2_ONNX), `${V2} and ${V2_ONNX} must be installed (npm run models)`);
    test.setTimeout(180_000);
    const root = tinyFolder();
    try {
      await openEvaluate(page, V2);
      await page.getByTestId('evaluate-folder-input').setInputFiles(root);
      await page.getByTestId('evaluate-runtime-ort').check();
      await finish(page, 150_000);
      await expect(page.getByTestId('evaluate-result')).toHaveAttribute('data-entry', `${V2_ONNX}:float32@ort/wasm`);
    } finally {
      rmSync(join(root, '..'), { recursive: true, force: true });
    }
  });
});
