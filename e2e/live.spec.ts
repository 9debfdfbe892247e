/**
 * Live view with Chromium's fake camera playing a Y4M made at test time from a photo (issue 10):
 * the live top-1 is the photo's class, the frame rate is measured, pause / stop / start work, and a
 * snapshot becomes a Classify card that Explain works on. Prints FIGURE lines (frames per second).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { CHROMIUM_ARGS } from '../playwright.config';
import { PHOTOS, expectedTop1, requireShared } from './support';
import { writeY4m } from './y4m';

const PHOTO = 'parrot.jpg';
const Y4M = resolve(import.meta.dirname, '../test-results/live-camera', `${PHOTO}.y4m`);
// Written before the browser starts: Chromium opens the file when the fake camera starts.
if (existsSync(resolve(PHOTOS, PHOTO))) await writeY4m(resolve(PHOTOS, PHOTO), Y4M);

test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${Y4M}`],
  },
  permissions: ['camera'],
});

const frames = (page: Page): Promise<number> => page.getByTestId('live-stats').getAttribute('data-frames').then(Number);

async function expectLiveTop1(page: Page, accepted: number[]): Promise<void> {
  await expect(page.getByTestId('live-prediction').first()).toHaveAttribute('data-class-index', new RegExp(`^(${accepted.join('|')})$`));
}

test.describe('live camera', () => {
  test.beforeEach(() => requireShared('mobilenet_v2_100_224'));

  for (const backend of ['wasm', 'webgl']) {
    test(`classifies the camera stream on ${backend}: top-1 is the photo's class, with a measured frame rate`, async ({ page }) => {
      const accepted = expectedTop1().get(PHOTO) ?? [];
      await page.goto(`./?view=live&model=mobilenet_v2_100_224&backend=${backend}`);
      await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
      await page.getByTestId('live-start').click();
      await expectLiveTop1(page, accepted);
      await expect(page.getByTestId('live-prediction')).toHaveCount(5);
      await expect.poll(() => frames(page)).toBeGreaterThanOrEqual(8);
      const fps = Number(await page.getByTestId('live-stats').getAttribute('data-fps'));
      expect(fps).toBeGreaterThan(0);
      const latency = await page.getByTestId('live-stats').getAttribute('data-latency-ms');
      console.log(`FIGURE live ${backend} mobilenet_v2_100_224: ${fps.toFixed(2)} fps, latency ${latency} ms`);
      await page.getByTestId('live-stop').click();
    });
  }

  test('pause holds, resume goes on, stop releases the camera, start again works', async ({ page }) => {
    const accepted = expectedTop1().get(PHOTO) ?? [];
    await page.goto('./?view=live&model=mobilenet_v2_100_224&backend=wasm');
    await page.getByTestId('live-start').click();
    await expectLiveTop1(page, accepted);

    await page.getByTestId('live-pause').click();
    await expect(page.getByTestId('live-pause')).toHaveText('Resume');
    // The frame in flight as Pause was pressed may still land; after that, nothing may arrive, however long.
    await page.waitForTimeout(1000);
    const held = await frames(page);
    await page.waitForTimeout(1500);
    expect(await frames(page)).toBe(held);
    await page.getByTestId('live-pause').click();
    await expect.poll(() => frames(page)).toBeGreaterThan(held);

    await page.getByTestId('live-stop').click();
    await expect(page.getByTestId('live-start')).toBeVisible();
    const tracksLive = await page.evaluate(() => (document.querySelector('video.live-video') as HTMLVideoElement | null)?.srcObject !== null);
    expect(tracksLive).toBe(false);
    await expect(page.getByTestId('live-prediction')).toHaveCount(0);

    await page.getByTestId('live-start').click();
    await expectLiveTop1(page, accepted);
  });

  test('a snapshot becomes a Classify card, classified and explainable there', async ({ page }) => {
    const accepted = expectedTop1().get(PHOTO) ?? [];
    await page.goto('./?view=live&model=mobilenet_v2_100_224&backend=wasm');
    await page.getByTestId('live-start').click();
    await expectLiveTop1(page, accepted);
    await page.getByTestId('live-snapshot').click();
    await expect(page.getByTestId('live-snapshot-note')).toContainText('snapshot-');
    await page.getByRole('button', { name: 'Open Classify' }).click();
    const card = page.getByTestId('result');
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute('data-status', 'ok');
    await expect(card).toHaveAttribute('data-file', /^snapshot-.*\.png$/);
    const top = card.getByTestId('prediction').first();
    await expect(top).toHaveAttribute('data-class-index', new RegExp(`^(${accepted.join('|')})$`));
    await top.getByTestId('explain').click();
    await expect(card.getByTestId('heatmap')).toHaveAttribute('data-method', 'gradcam');
  });

  test('a camera that goes away (unplugged) stops the view with a clear message', async ({ page }) => {
    await page.goto('./?view=live&model=mobilenet_v2_100_224&backend=wasm');
    await page.getByTestId('live-start').click();
    await expect(page.getByTestId('live-prediction').first()).toBeVisible();
    // What the browser fires on the track when its device disappears.
    await page.evaluate(() => {
      const stream = (document.querySelector('video.live-video') as HTMLVideoElement).srcObject as MediaStream;
      stream.getVideoTracks()[0]?.dispatchEvent(new Event('ended'));
    });
    await expect(page.getByTestId('live-problem')).toHaveAttribute('data-kind', 'unplugged');
    await expect(page.getByTestId('live-problem')).toContainText('unplugged');
    await expect(page.getByTestId('live-start')).toBeEnabled();
  });
});
