/**
 * The benchmark's input pixels: the user's images, decoded once per request, or random noise at
 * the model's input size. An image that does not decode is left out and named in the note; only
 * when none decodes does the request fail.
 */
import { decodeImage } from '@/engine/decode/decode';
import { LumenError, serializeError } from '@/shared/errors';
import type { BenchInput } from '@/features/benchmark/shared/messages';

export interface PreparedInput {
  pixels: ImageBitmap[];
  note: string;
  close(): void;
}

async function randomBitmap(height: number, width: number): Promise<ImageBitmap> {
  const rgba = new Uint8ClampedArray(height * width * 4);
  for (let i = 0; i < rgba.length; i += 1) rgba[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
  return createImageBitmap(new ImageData(rgba, width, height));
}

export async function prepareBenchInput(input: BenchInput, size: readonly [number, number]): Promise<PreparedInput> {
  const close = (bitmaps: ImageBitmap[]) => () => bitmaps.forEach((b) => b.close());
  if (input.kind === 'random') {
    const pixels = [await randomBitmap(size[0], size[1])];
    return { pixels, note: `random pixels ${size[1]}×${size[0]}`, close: close(pixels) };
  }
  const pixels: ImageBitmap[] = [];
  const problems: string[] = [];
  for (const image of input.images) {
    try {
      pixels.push(await decodeImage(image));
    } catch (error) {
      problems.push(serializeError(error).message);
    }
  }
  if (pixels.length === 0) {
    throw new LumenError('decode-failed', `None of the ${input.images.length} benchmark images could be decoded: ${problems.join(' ')}`);
  }
  const skipped = problems.length > 0 ? ` (${problems.length} skipped: ${problems.join(' ')})` : '';
  return { pixels, note: `${pixels.length} image${pixels.length === 1 ? '' : 's'} repeated to fill each batch${skipped}`, close: close(pixels) };
}
