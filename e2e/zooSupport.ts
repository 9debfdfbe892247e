/**
 * Shared by the Inspect / Compare / custom model / offline specs: where ../shared lives, the photos'
 * accepted answers, and a skip that says loudly why when ../shared is absent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

export const SHARED = resolve(import.meta.dirname, '../../shared');
export const hasShared = existsSync(resolve(SHARED, 'models')) && existsSync(resolve(SHARED, 'images/photos'));

/** Call at the top of a describe: skips its tests, with a warning, when ../shared is missing. */
export function needsShared(): void {
  if (!hasShared) console.warn(`SKIPPED: these e2e tests need ../shared (models and photos), not found at ${SHARED}`);
  test.skip(!hasShared, `../shared not found at ${SHARED}`);
}

export const photo = (name: string): string => resolve(SHARED, 'images/photos', name);
export const sharedModel = (folder: string): string => resolve(SHARED, 'models', folder);

/** Every file of a ../shared model folder, as absolute paths. */
export function sharedModelFiles(folder: string): string[] {
  return readdirSync(sharedModel(folder)).map((name) => resolve(sharedModel(folder), name));
}

/** Acceptable top-1 Keras indices of a photo, from expected.csv. */
export function acceptableTop1(name: string): number[] {
  const line = readFileSync(photo('expected.csv'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name},`));
  if (!line) throw new Error(`${name} is not in expected.csv`);
  return (line.split(',')[1] ?? '').split('|').filter(Boolean).map(Number);
}

/** Opens the app with a small model on wasm (fast here) and waits for it to load. */
export async function openApp(page: Page, query: string): Promise<void> {
  await page.goto(`./?backend=wasm&${query}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
}

/** Drops one photo on Classify and returns its top-1 Keras index once classified. */
export async function classifyPhoto(page: Page, name: string): Promise<number> {
  await page.getByTestId('tab-classify').click();
  await page.getByTestId('drop-input').setInputFiles(photo(name));
  const card = page.locator(`[data-testid=result][data-file="${name}"]`).first();
  await expect(card).toHaveAttribute('data-status', 'ok');
  return Number(await card.getByTestId('prediction').first().getAttribute('data-class-index'));
}
