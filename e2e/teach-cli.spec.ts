/**
 * `npm run teach` inside npm test: three broad categories (dogs, birds, vehicles; 12 images each)
 * built at test time from ../shared/images/imagenet-sample by Keras index ranges, taught with kNN on
 * MobileNetV2 through the app's own worker in headless Chromium, scored on the alternate half. The
 * bound is accuracy well above chance (1/3); speed is reported by the command, never asserted.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { DEFAULT_IMAGES } from '../scripts/eval/evalArgs';
import { buildTeachSample } from '../scripts/teach/teachSample';
import { needShared } from './support';

const ROOT = resolve(import.meta.dirname, '..');
const BASE = 'mobilenet_v2_100_224';

test('npm run teach: kNN on MobileNetV2 tells dogs, birds and vehicles apart on held-out images', async () => {
  needShared({ paths: [DEFAULT_IMAGES], models: [BASE] });
  test.setTimeout(400_000); // a vite build of the harness when src/ changed since the last one
  const dir = await mkdtemp(join(tmpdir(), 'lumen-teach-'));
  try {
    const counts = await buildTeachSample(DEFAULT_IMAGES, join(dir, 'data'), ['dogs', 'birds', 'vehicles'], 12);
    expect(Object.values(counts)).toEqual([12, 12, 12]);
    const json = join(dir, 'teach.json');
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/teach.ts', '--data', join(dir, 'data'), '--base', BASE, '--method', 'knn', '--json', json],
      { cwd: ROOT, timeout: 380_000 },
    );
    console.log(stdout);
    expect(stdout).toMatch(/held-out accuracy/);
    const report = JSON.parse(await readFile(json, 'utf8')) as {
      base: string;
      method: string;
      classes: string[];
      test: unknown[];
      accuracy: number;
      confusion: number[][];
    };
    expect(report).toMatchObject({ base: BASE, method: 'knn', classes: ['birds', 'dogs', 'vehicles'] });
    expect(report.test).toHaveLength(18);
    expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(18);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.75);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
