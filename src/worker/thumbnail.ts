/**
 * A small thumbnail made in the worker from the already decoded (bounded) bitmap, so the page
 * shows a few KB per card instead of putting full-size images in the DOM. Optional by nature:
 * when anything goes wrong the card simply has no thumbnail, and the result still stands.
 */
import { thumbnailSize } from '../lib/images/boundedSize';

export const THUMBNAIL_SIDE = 160;

export async function makeThumbnail(bitmap: ImageBitmap, maxSide = THUMBNAIL_SIDE): Promise<Blob | null> {
  try {
    const { width, height } = thumbnailSize({ width: bitmap.width, height: bitmap.height }, maxSide);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    // WebP keeps alpha and is about a third of JPEG's size; a browser that cannot encode it returns PNG.
    const webp = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
    return webp.type === 'image/webp' ? webp : await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  } catch {
    return null;
  }
}
