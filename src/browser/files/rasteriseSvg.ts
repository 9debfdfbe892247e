/**
 * SVG → PNG on the main thread, where <img> can render SVG (the worker's createImageBitmap cannot).
 * The SVG is drawn through an <img>, which runs none of its scripts and fetches none of its links;
 * that renderer also judges whether it is well-formed (see browser/files/svgRoot.ts for why not DOMParser).
 */
import { LumenError } from '@/shared/errors';
import { parseSvgLength, parseViewBox, svgRasterSize } from './svgSize';
import { readSvgRoot, withPixelSize } from './svgRoot';

function notSvg(name: string, why: string): LumenError {
  return new LumenError('decode-failed', `"${name}" could not be read as an SVG image: ${why}.`);
}

/** The SVG with an explicit pixel size (and a viewBox, so it scales rather than crops). */
function sizedSvgText(text: string, name: string): { svg: string; width: number; height: number } {
  const root = readSvgRoot(text);
  if (!root) throw notSvg(name, 'it does not start with an <svg> element');
  const width = parseSvgLength(root.attributes.get('width'));
  const height = parseSvgLength(root.attributes.get('height'));
  const viewBox = parseViewBox(root.attributes.get('viewBox'));
  const size = svgRasterSize({ width, height, viewBox });
  const ownBox = width !== null && height !== null ? `0 0 ${width} ${height}` : null;
  return { svg: withPixelSize(text, root, size, ownBox), ...size };
}

async function renderedImage(svg: string, name: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } catch {
    throw notSvg(name, 'the browser could not render it (it is not well-formed SVG)');
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Draws the SVG on white (the models never saw transparency) and returns a PNG File under the original name. */
export async function rasteriseSvg(file: Blob, name: string): Promise<File> {
  const { svg, width, height } = sizedSvgText(await file.text(), name);
  const image = await renderedImage(svg, name);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw notSvg(name, 'no 2D canvas is available to draw it');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!png) throw notSvg(name, 'drawing it produced no image');
  return new File([png], name.slice(name.lastIndexOf('/') + 1), { type: 'image/png' });
}
