/**
 * SVG → PNG on the main thread, where <img> can render SVG (the worker's createImageBitmap cannot).
 * The SVG is drawn through an <img>, which runs none of its scripts and fetches none of its links.
 */
import { LumenError } from '../../shared/errors';
import { parseSvgLength, parseViewBox, svgRasterSize } from '../../lib/files/svgSize';

const SVG_NS = 'http://www.w3.org/2000/svg';

function notSvg(name: string, why: string): LumenError {
  return new LumenError('decode-failed', `"${name}" could not be read as an SVG image: ${why}.`);
}

/** Parses the SVG and gives it an explicit pixel size (and a viewBox, so it scales rather than crops). */
function sizedSvgText(text: string, name: string): { svg: string; width: number; height: number } {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0) throw notSvg(name, 'it is not well-formed XML');
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NS) throw notSvg(name, `its root element is <${root.localName}>, not an SVG <svg>`);
  const width = parseSvgLength(root.getAttribute('width'));
  const height = parseSvgLength(root.getAttribute('height'));
  const viewBox = parseViewBox(root.getAttribute('viewBox'));
  const size = svgRasterSize({ width, height, viewBox });
  if (!viewBox && width !== null && height !== null) root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('width', String(size.width));
  root.setAttribute('height', String(size.height));
  return { svg: new XMLSerializer().serializeToString(doc), ...size };
}

async function renderedImage(svg: string, name: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } catch {
    throw notSvg(name, 'the browser could not render it');
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
