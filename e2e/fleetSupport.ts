/**
 * For the --connect tests: Playwright browser servers on this machine (each one stands for a
 * remote device; its ws endpoint is what a Selenium Grid or device cloud would hand out) and a
 * tiny labelled folder (synset sub-folders) copied from ../shared/images/imagenet-sample.
 */
import { chromium, type BrowserServer } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/common/chromium';
import { IMAGENET_SAMPLE } from '../src/testing/shared';

export interface BrowserServers {
  endpoints: string[];
  close(): Promise<void>;
}

/** `count` Chromium browser servers on localhost, as a fleet's devices. */
export async function launchBrowserServers(count: number): Promise<BrowserServers> {
  const servers: BrowserServer[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], host: '127.0.0.1' }));
  } catch (error) {
    await Promise.allSettled(servers.map((s) => s.close()));
    throw error;
  }
  return { endpoints: servers.map((s) => s.wsEndpoint()), close: async () => void (await Promise.allSettled(servers.map((s) => s.close()))) };
}

/**
 * `count` images of the sample, spread over its classes (every 1000/count-th class), each in a
 * sub-folder named by its synset: the layout `--data` reads. Returns the folder.
 */
export function synsetFolder(count: number): string {
  const root = join(mkdtempSync(join(tmpdir(), 'lumen-fleet-')), 'fleetset');
  const lines = readFileSync(join(IMAGENET_SAMPLE, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
  const step = Math.floor(lines.length / count);
  for (let i = 0; i < count; i++) {
    const [file = '', , synset = ''] = (lines[i * step] ?? '').split(',');
    mkdirSync(join(root, synset), { recursive: true });
    copyFileSync(join(IMAGENET_SAMPLE, file), join(root, synset, file));
  }
  return root;
}
