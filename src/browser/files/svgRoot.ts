/**
 * Reads and rewrites the root <svg> tag as text. Parsing with DOMParser would be simpler, but a
 * malformed file makes Chromium build a <parsererror> with inline styles, which the page's
 * Content-Security-Policy reports as violations; the text route touches no DOM at all, and the
 * browser's own SVG renderer (an <img>) is the judge of whether the rest is well-formed.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Prolog, comments, processing instructions and a doctype (with an internal subset) before the root. */
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i;
/** The root tag: `<svg`, attributes with quoted or bare values, `>` or `/>`. */
const ROOT = /^<svg((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/;
const ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

export interface SvgRoot {
  /** Attribute name (as written) → value as written (entities not decoded, so it can be written back as it was). */
  attributes: Map<string, string>;
  /** Where the root tag starts and ends in the text. */
  start: number;
  end: number;
  selfClosing: boolean;
}

/** The root <svg> tag of an SVG document, or null when the document does not start with one. */
export function readSvgRoot(text: string): SvgRoot | null {
  const body = text.replace(/^\uFEFF/, '');
  const offset = text.length - body.length;
  const start = PROLOG.exec(body)?.[0].length ?? 0;
  const match = ROOT.exec(body.slice(start));
  if (!match) return null;
  const attributes = new Map<string, string>();
  for (const attribute of (match[1] ?? '').matchAll(ATTRIBUTE)) {
    const [, name = '', double, single, bare] = attribute;
    attributes.set(name, double ?? single ?? bare ?? '');
  }
  return { attributes, start: offset + start, end: offset + start + match[0].length, selfClosing: match[2] === '/' };
}

/** Writes a value back in the quotes it can live in: it came from the file, already escaped for them. */
const quoted = (value: string): string => (value.includes('"') ? `'${value}'` : `"${value}"`);

/**
 * The SVG with an explicit pixel size on its root: width/height replaced, a viewBox added from the
 * old width/height when it had none (so the drawing scales instead of being cropped), and the SVG
 * namespace added when missing (an <img> renders nothing without it).
 */
export function withPixelSize(text: string, root: SvgRoot, size: { width: number; height: number }, viewBox: string | null): string {
  const attributes = new Map([...root.attributes].filter(([name]) => name !== 'width' && name !== 'height'));
  if (!attributes.has('xmlns')) attributes.set('xmlns', SVG_NS);
  if (viewBox !== null && !attributes.has('viewBox')) attributes.set('viewBox', viewBox);
  attributes.set('width', String(size.width));
  attributes.set('height', String(size.height));
  const tag = `<svg${[...attributes].map(([name, value]) => ` ${name}=${quoted(value)}`).join('')}${root.selfClosing ? '/' : ''}>`;
  return text.slice(0, root.start) + tag + text.slice(root.end);
}
