/**
 * A Y4M video for Chromium's fake camera (--use-file-for-fake-video-capture), made at test time from
 * a photo: a text header, then per frame `FRAME\n` and the I420 planes (BT.601, studio range).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';

export async function writeY4m(photoPath: string, outPath: string, options: { width?: number; height?: number; frames?: number } = {}): Promise<void> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 4;
  const rgb = await sharp(photoPath).removeAlpha().resize(width, height, { fit: 'fill' }).raw().toBuffer();
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  const clamp = (x: number): number => Math.max(0, Math.min(255, Math.round(x)));
  for (let row = 0; row < height; row += 1) {
    for (let col = 0; col < width; col += 1) {
      const i = (row * width + col) * 3;
      const [r, g, b] = [rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0];
      y[row * width + col] = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b);
    }
  }
  // Chroma from the mean of each 2×2 block.
  for (let row = 0; row < height / 2; row += 1) {
    for (let col = 0; col < width / 2; col += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        const i = ((row * 2 + dy) * width + col * 2 + dx) * 3;
        r += rgb[i] ?? 0;
        g += rgb[i + 1] ?? 0;
        b += rgb[i + 2] ?? 0;
      }
      [r, g, b] = [r / 4, g / 4, b / 4];
      u[row * (width / 2) + col] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      v[row * (width / 2) + col] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(
    outPath,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]),
  );
}
