/**
 * Live view with Chromium's fake camera playing a Y4M made at test time from a photo (issue 10):
 * the live top-1 is the photo's class, the frame rate is measured, pause / stop / start work, and a
 * snapshot becomes a Classify card that Explain works on. Prints FIGURE lines (frames per second).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/common/chromium';
import { PHOTOS, expectedTop1, requireShared } from './support';
import { writeY4m } from './y4m';

const PHOTO = 'parrot.jpg';
const Y4M = resolve(import.meta.dirname, '../test-results/live-camera', `${PHOTO}.y4m`);
// Written before the browser starts: Chromium opens the file when the fake camera starts.
if (existsSync(resolve(PHOTOS, PHOTO))) await writeY4m(resolve(PHOTOS, PHOTO), Y4M);

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${Y4M}`],
  },
  permissions: ['camera'],
});

const frames = (page: Page): Promise<number> => page.getByTestId('live-stats').getAttribute('data-frames').then(Number);

declare global {
  interface Window {
    __liveFramesSent?: number;
  }
}

/** Counts the camera frames the page posts to the TF.js worker (call before the page opens). */
async function countFramesSent(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__liveFramesSent = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      if ((args[0] as { type?: unknown } | null)?.type === 'live-frame') window.__liveFramesSent = (window.__liveFramesSent ?? 0) + 1;
      return post.apply(this, args);
    } as Worker['postMessage'];
  });
}

const framesSent = (page: Page): Promise<number> => page.evaluate(() => window.__liveFramesSent ?? 0);

/** Resolves once the camera has delivered `count` more frames, as seen by a second, playing <video> on its stream. */
async function cameraDelivers(page: Page, count: number): Promise<void> {
  await page.evaluate(async (wanted) => {
    const live = document.querySelector('video.live-video') as HTMLVideoElement;
    const probe = document.createElement('video');
    probe.muted = true;
    probe.style.cssText = 'position: fixed; left: 0; bottom: 0; width: 2px; height: 2px;';
    document.body.append(probe);
    probe.srcObject = live.srcObject;
    await probe.play();
    await new Promise<void>((done) => {
      let seen = 0;
      const onFrame = (): void => {
        seen += 1;
        if (seen >= wanted) done();
        else probe.requestVideoFrameCallback(onFrame);
      };
      probe.requestVideoFrameCallback(onFrame);
    });
    probe.srcObject = null;
    probe.remove();
  }, count);
}

async function expectLiveTop1(page: Page, accepted: number[]): Promise<void> {
  await expect(page.getByTestId('live-prediction').first()).toHaveAttribute('data-class-index', new RegExp(`^(${accepted.join('|')})$`));
}

test.describe('live camera', () => {
  test.beforeEach(() => requireShared('mobilenet_v2_100_224'));

  for (const [backend, model] of [
    ['wasm', 'mobilenet_v2_100_224'],
    ['webgl', 'mobilenet_v2_100_224'],
    // The same network on the other runtimes (issue 17): Live runs on every runtime.
    ['wasm', 'mobilenet_v2_100_224_onnx'],
    ['wasm', 'mobilenet_v2_100_224_quant_tflite'],
  ] as const) {
    test(`classifies the camera stream with ${model} on ${backend}: top-1 is the photo's class, with a measured frame rate`, async ({ page }) => {
      requireShared(model);
      const accepted = expectedTop1().get(PHOTO) ?? [];
      await page.goto(`./?view=live&model=${model}&backend=${backend}`);
      await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
      await page.getByTestId('live-start').click();
      await expectLiveTop1(page, accepted);
      await expect(page.getByTestId('live-prediction')).toHaveCount(5);
      await expect.poll(() => frames(page)).toBeGreaterThanOrEqual(8);
      const fps = Number(await page.getByTestId('live-stats').getAttribute('data-fps'));
      expect(fps).toBeGreaterThan(0);
      const latency = await page.getByTestId('live-stats').getAttribute('data-latency-ms');
      console.log(
        `FIGURE live ${backend} ${model} (${await page.getByTestId('runtime').getAttribute('data-runtime')}): ${fps.toFixed(2)} fps, latency ${latency} ms`,
      );
      await page.getByTestId('live-stop').click();
    });
  }

  test('pause holds, resume goes on, stop releases the camera, start again works', async ({ page }) => {
    await countFramesSent(page);
    const accepted = expectedTop1().get(PHOTO) ?? [];
    await page.goto('./?view=live&model=mobilenet_v2_100_224&backend=wasm');
    await page.getByTestId('live-start').click();
    await expectLiveTop1(page, accepted);

    await page.getByTestId('live-pause').click();
    await expect(page.getByTestId('live-pause')).toHaveText('Resume');
    // The frame in flight as Pause was pressed may still land: wait until every frame sent has its answer.
    await expect.poll(async () => (await framesSent(page)) - (await frames(page))).toBe(0);
    const held = await frames(page);
    // After that, nothing may be sent or arrive, however long: while the camera delivers 30 more frames
    // (a second of the fake camera, in which a running view would send several), the counts hold.
    await cameraDelivers(page, 30);
    expect(await framesSent(page)).toBe(held);
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
