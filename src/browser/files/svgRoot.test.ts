import { describe, expect, it } from 'vitest';
import { readSvgRoot, withPixelSize } from './svgRoot';

describe('readSvgRoot', () => {
  it('reads the root attributes in any quoting, after a prolog, comments and a doctype', () => {
    const text = `\uFEFF<?xml version="1.0"?>\n<!-- a > b -->\n<!DOCTYPE svg [ <!ENTITY x "y"> ]>\n<svg width='100' height="50px" viewBox = "0 0 10 5" data-x="a>b">\n<rect/></svg>`;
    const root = readSvgRoot(text);
    expect(root && Object.fromEntries(root.attributes)).toEqual({ width: '100', height: '50px', viewBox: '0 0 10 5', 'data-x': 'a>b' });
    expect(root && text.slice(root.start, root.end)).toBe(`<svg width='100' height="50px" viewBox = "0 0 10 5" data-x="a>b">`);
  });

  it('finds a self-closing root', () => {
    expect(readSvgRoot('<svg xmlns="http://www.w3.org/2000/svg"/>')?.selfClosing).toBe(true);
  });

  it('gives null when the document does not start with <svg>', () => {
    expect(readSvgRoot('<html><svg></svg></html>')).toBeNull();
    expect(readSvgRoot('hello <svg>')).toBeNull();
    expect(readSvgRoot('<svgx>')).toBeNull();
    expect(readSvgRoot('')).toBeNull();
  });
});

describe('withPixelSize', () => {
  it('replaces width and height, adds the viewBox from the old size and the namespace when missing', () => {
    const text = '<?xml version="1.0"?><svg width="100" height="50" id="d"><circle r="5"/></svg>';
    const root = readSvgRoot(text);
    if (!root) throw new Error('no root');
    expect(withPixelSize(text, root, { width: 512, height: 256 }, '0 0 100 50')).toBe(
      '<?xml version="1.0"?><svg id="d" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="512" height="256"><circle r="5"/></svg>',
    );
  });

  it('keeps an existing viewBox and namespace, and values as written', () => {
    const text = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 2" title='say "hi" &amp; go'></svg>`;
    const root = readSvgRoot(text);
    if (!root) throw new Error('no root');
    const out = withPixelSize(text, root, { width: 300, height: 600 }, '0 0 9 9');
    expect(out).toBe(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 2" title='say "hi" &amp; go' width="300" height="600"></svg>`);
  });
});
