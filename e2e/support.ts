/**
 * Shared helpers for the e2e specs: the shared folder (src/testing/shared.ts: where it is, the
 * photos and their accepted answers, which models are installed), Playwright's side of the rule
 * for its absence, file choosers, and opening the app and reading its result cards.
 */
import { readFileSync } from 'node:fs';
import type { FileChooser } from '@playwright/test';
import { expect, test, type Page } from './fixtures';
import { missingShared, photoPath, SHARED_FOLDERS, SharedMissingError, sharedRequired, type SharedNeeds } from '../src/testing/shared';

export {
  acceptableTop1,
  expectedTop1,
  IMAGENET_SAMPLE,
  isInstalled,
  PHOTOS,
  photoPath,
  SHARED,
  SHARED_MODELS,
  sharedModel,
  sharedModelFiles,
} from '../src/testing/shared';

/** True when called inside a test body (or its hooks), false at file or describe level. */
function inTest(): boolean {
  try {
    test.info();
    return true;
  } catch {
    return false;
  }
}

/**
 * Call at file or describe level, or first thing in a test. Without what it needs the test is
 * skipped with the reason (the skip report, e2e/skipReporter.ts, prints it), or fails under
 * LUMEN_REQUIRE_SHARED=1: at file or describe level a first beforeAll throws, so each test
 * there fails with the reason and none runs without its data.
 */
export function needShared(needs: SharedNeeds): void {
  const reason = missingShared(needs);
  if (reason === null) return;
  if (!sharedRequired()) {
    test.skip(true, reason);
    return;
  }
  const error = new SharedMissingError(reason);
  if (inTest()) throw error;
  test.beforeAll(() => {
    throw error;
  });
}

/** The photos and the shared models folder, and these catalog models installed in public/models. */
export function requireShared(...models: string[]): void {
  needShared({ paths: SHARED_FOLDERS, models });
}

/** A photo as a file payload (name, type, bytes), for setInputFiles and drops. */
export function photoFile(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const mimeType = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
  return { name, mimeType, buffer: readFileSync(photoPath(name)) };
}

export const corruptJpeg = { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a JPEG, just text with the wrong name') };

/**
 * Every file chooser the page opens, in order. Call it before the page is opened, never in the
 * same breath as the key press that opens one: the first listener switches Chromium's
 * file-chooser interception on by a message of its own, which the press can overtake; the
 * chooser then opens unseen and a waitForEvent('filechooser') waits forever (the CI stall).
 */
export function fileChoosers(page: Page): { nth(index: number): Promise<FileChooser> } {
  const seen: FileChooser[] = [];
  page.on('filechooser', (chooser) => seen.push(chooser));
  return {
    nth: async (index) => {
      await expect.poll(() => seen.length, { message: `file chooser #${index + 1} opened` }).toBeGreaterThan(index);
      return seen[index] as FileChooser;
    },
  };
}

/** True when this browser gives a WebGPU adapter (with --enable-unsafe-webgpu it does, on SwiftShader). */
export async function hasWebGpuAdapter(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return Boolean(gpu && (await gpu.requestAdapter()));
  });
}

/** Opens the app with a query (and, if given, waits for that backend) and waits until the model is loaded. */
export async function openApp(page: Page, query: string, backend?: string): Promise<void> {
  await page.goto(`./${query}`);
  if (backend) await expect(page.getByTestId('backend')).toHaveText(backend);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
}

/** Opens the app on wasm (fast here) with a query such as `model=…` and waits for the model. */
export async function openOnWasm(page: Page, query: string): Promise<void> {
  await openApp(page, `?backend=wasm&${query}`);
}

/** Drops one photo on Classify and returns its top-1 Keras index once classified. */
export async function classifyPhoto(page: Page, name: string): Promise<number> {
  await page.getByTestId('tab-classify').click();
  await page.getByTestId('drop-input').setInputFiles(photoPath(name));
  const card = page.locator(`[data-testid=result][data-file="${name}"]`).first();
  await expect(card).toHaveAttribute('data-status', 'ok');
  return Number(await card.getByTestId('prediction').first().getAttribute('data-class-index'));
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
