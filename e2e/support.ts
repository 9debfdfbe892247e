/** Shared helpers for the e2e specs: where ../shared is, which models are installed, photo payloads. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');
export const SHARED = resolve(ROOT, '../shared');
export const PHOTOS = resolve(SHARED, 'images/photos');
const CATALOG = JSON.parse(readFileSync(resolve(ROOT, 'public/models/catalog.json'), 'utf8')) as { models: { id: string; version: string }[] };

export function isInstalled(id: string): boolean {
  const model = CATALOG.models.find((m) => m.id === id);
  return model !== undefined && existsSync(resolve(ROOT, 'public/models', id, model.version, 'lumen-model.json'));
}

/** Skips the current test, loudly, when ../shared or a model is missing. */
export function requireShared(...models: string[]): void {
  if (!existsSync(PHOTOS)) {
    console.warn(`SKIPPED: ${PHOTOS} is absent; these tests need ../shared beside the project.`);
    test.skip(true, '../shared is absent');
  }
  const missing = models.filter((m) => !isInstalled(m));
  if (missing.length > 0) console.warn(`SKIPPED: model(s) not installed: ${missing.join(', ')}. Run npm run models -- --from ../shared/models`);
  test.skip(missing.length > 0, `models not installed: ${missing.join(', ')}`);
}

/** expected.csv: file → acceptable Keras top-1 indices (empty = any answer). */
export function expectedTop1(): Map<string, number[]> {
  const lines = readFileSync(resolve(PHOTOS, 'expected.csv'), 'utf8').trim().split('\n').slice(1);
  return new Map(
    lines.map((line) => {
      const [file = '', indices = ''] = line.split(',');
      return [file, indices ? indices.split('|').map(Number) : []];
    }),
  );
}

export function photo(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const mimeType = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
  return { name, mimeType, buffer: readFileSync(resolve(PHOTOS, name)) };
}

export const corruptJpeg = { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a JPEG, just text with the wrong name') };

/** True when this browser gives a WebGPU adapter (with --enable-unsafe-webgpu it does, on SwiftShader). */
export async function hasWebGpuAdapter(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return Boolean(gpu && (await gpu.requestAdapter()));
  });
}

/** Opens the app with a model and backend and waits until the model is loaded there. */
export async function openApp(page: Page, query: string, backend?: string): Promise<void> {
  await page.goto(`./${query}`);
  if (backend) await expect(page.getByTestId('backend')).toHaveText(backend);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
}

/** Waits until `count` results exist and none is pending; returns them by file name. */
export async function settledResults(
  page: Page,
  count: number,
): Promise<Map<string, { status: string; top1: number | null; probability: number; k: number; text: string }>> {
  await expect(page.getByTestId('result')).toHaveCount(count);
  await expect(page.locator('[data-testid=result][data-status=pending]')).toHaveCount(0);
  const rows = await page.getByTestId('result').evaluateAll((cards) =>
    cards.map((card) => {
      const predictions = Array.from(card.querySelectorAll('[data-testid=prediction]'));
      const first = predictions[0];
      return {
        file: card.getAttribute('data-file') ?? '',
        status: card.getAttribute('data-status') ?? '',
        top1: first ? Number(first.getAttribute('data-class-index')) : null,
        probability: first ? Number(first.getAttribute('data-probability')) : NaN,
        k: predictions.length,
        text: card.textContent ?? '',
      };
    }),
  );
  return new Map(rows.map((r) => [r.file, r]));
}
