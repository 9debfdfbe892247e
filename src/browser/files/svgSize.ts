/**
 * How big to rasterise an SVG. The worker cannot decode SVG (createImageBitmap rejects it there),
 * so the page draws it to a PNG first. Vector art has no pixel size of its own, only lengths and a
 * viewBox: take the aspect ratio from those, and a longest side big enough for the model (224 px
 * input) and the thumbnail, small enough that a huge declared size costs no memory.
 */

export const SVG_MIN_LONGEST = 512;
export const SVG_MAX_LONGEST = 1024;
/** For an SVG that declares no size at all: a square. */
export const SVG_DEFAULT_SIZE = 512;

export interface SvgDimensions {
  /** The root's width/height in CSS px; null when absent, a percentage, or unparsable. */
  width: number | null;
  height: number | null;
  viewBox: { width: number; height: number } | null;
}

/** CSS px per unit (96 px per inch). em/ex use the initial font size, as an <img> would. */
const PX_PER_UNIT: Readonly<Record<string, number>> = { '': 1, px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, q: 96 / 101.6, pt: 96 / 72, pc: 16, em: 16, ex: 8 };

/** "100", "100px", "2in", "12.5mm" → px; "50%", "auto", garbage, zero or negative → null. */
export function parseSvgLength(value: string | null | undefined): number | null {
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value ?? '');
  if (!match) return null;
  const factor = PX_PER_UNIT[(match[2] ?? '').toLowerCase()];
  const px = Number(match[1]) * (factor ?? NaN);
  return Number.isFinite(px) && px > 0 ? px : null;
}

/** "0 0 300 150" (commas allowed) → its width and height; null unless four numbers with a positive size. */
export function parseViewBox(value: string | null | undefined): { width: number; height: number } | null {
  const parts = (value ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return null;
  const [, , width = 0, height = 0] = parts;
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The SVG's own size in px as the browser would lay it out, or null when it declares none. */
export function intrinsicSize({ width, height, viewBox }: SvgDimensions): { width: number; height: number } | null {
  if (width !== null && height !== null) return { width, height };
  if (viewBox) {
    if (width !== null) return { width, height: (width * viewBox.height) / viewBox.width };
    if (height !== null) return { width: (height * viewBox.width) / viewBox.height, height };
    return viewBox;
  }
  if (width !== null) return { width, height: width };
  if (height !== null) return { width: height, height };
  return null;
}

/**
 * The raster size: the SVG's own aspect ratio with its longest side clamped to
 * [SVG_MIN_LONGEST, SVG_MAX_LONGEST]; SVG_DEFAULT_SIZE square when it has no size. Each side ≥ 1 px.
 */
export function svgRasterSize(dimensions: SvgDimensions): { width: number; height: number } {
  const own = intrinsicSize(dimensions);
  if (!own) return { width: SVG_DEFAULT_SIZE, height: SVG_DEFAULT_SIZE };
  const longest = Math.max(own.width, own.height);
  const scale = Math.min(SVG_MAX_LONGEST, Math.max(SVG_MIN_LONGEST, longest)) / longest;
  return { width: Math.max(1, Math.round(own.width * scale)), height: Math.max(1, Math.round(own.height * scale)) };
}

/** Types that are surely not SVG, so no need to read the first bytes. */
const RASTER_TYPE = /^image\/(?!svg)/i;

/** Could this file be an SVG? By type or name it surely is; other non-raster files are sniffed (see looksLikeSvg). */
export function svgCandidate(name: string, type: string): 'svg' | 'sniff' | 'no' {
  if (type.toLowerCase() === 'image/svg+xml' || /\.svg$/i.test(name)) return 'svg';
  return RASTER_TYPE.test(type) ? 'no' : 'sniff';
}

/** The first bytes of an SVG: `<svg`, or an XML prolog, doctype or comment followed by `<svg`. */
export function looksLikeSvg(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/^<svg[\s>/]/i.test(text)) return true;
  return /^<(?:\?xml|!--|!doctype)/i.test(text) && /<svg[\s>/]/i.test(text);
}
