import { describe, expect, it } from 'vitest';
import { SVG_DEFAULT_SIZE, SVG_MAX_LONGEST, SVG_MIN_LONGEST, looksLikeSvg, parseSvgLength, parseViewBox, svgCandidate, svgRasterSize } from './svgSize';

describe('parseSvgLength', () => {
  it('reads numbers and absolute units as CSS px', () => {
    expect(parseSvgLength('100')).toBe(100);
    expect(parseSvgLength(' 64px ')).toBe(64);
    expect(parseSvgLength('1in')).toBe(96);
    expect(parseSvgLength('72pt')).toBe(96);
    expect(parseSvgLength('25.4mm')).toBeCloseTo(96);
    expect(parseSvgLength('1e2')).toBe(100);
  });

  it('gives null for what sets no pixel size', () => {
    for (const value of ['50%', 'auto', '', null, undefined, '0', '-10', 'abc', '10 px 20']) expect(parseSvgLength(value), String(value)).toBeNull();
  });
});

describe('parseViewBox', () => {
  it('reads the width and height of a viewBox, with spaces or commas', () => {
    expect(parseViewBox('0 0 300 150')).toEqual({ width: 300, height: 150 });
    expect(parseViewBox('-10,-10,20,40')).toEqual({ width: 20, height: 40 });
  });

  it('rejects a viewBox with a zero size or the wrong count', () => {
    expect(parseViewBox('0 0 0 10')).toBeNull();
    expect(parseViewBox('0 0 10')).toBeNull();
    expect(parseViewBox(null)).toBeNull();
  });
});

describe('svgRasterSize', () => {
  it('scales a small drawing up to the minimum longest side, keeping its aspect ratio', () => {
    expect(svgRasterSize({ width: 100, height: 50, viewBox: null })).toEqual({ width: SVG_MIN_LONGEST, height: SVG_MIN_LONGEST / 2 });
  });

  it('scales a huge declared size down to the maximum longest side', () => {
    expect(svgRasterSize({ width: 20000, height: 10000, viewBox: null })).toEqual({ width: SVG_MAX_LONGEST, height: SVG_MAX_LONGEST / 2 });
  });

  it('keeps a size that is already in range', () => {
    expect(svgRasterSize({ width: 800, height: 600, viewBox: null })).toEqual({ width: 800, height: 600 });
  });

  it('takes the aspect ratio from the viewBox when width and height are missing or partial', () => {
    expect(svgRasterSize({ width: null, height: null, viewBox: { width: 30, height: 60 } })).toEqual({ width: 256, height: 512 });
    expect(svgRasterSize({ width: 700, height: null, viewBox: { width: 2, height: 1 } })).toEqual({ width: 700, height: 350 });
    expect(svgRasterSize({ width: null, height: 900, viewBox: { width: 1, height: 3 } })).toEqual({ width: 300, height: 900 });
  });

  it('falls back to a default square when the SVG declares no size at all', () => {
    expect(svgRasterSize({ width: null, height: null, viewBox: null })).toEqual({ width: SVG_DEFAULT_SIZE, height: SVG_DEFAULT_SIZE });
  });

  it('never gives a zero side for an extreme aspect ratio', () => {
    expect(svgRasterSize({ width: 100000, height: 1, viewBox: null })).toEqual({ width: SVG_MAX_LONGEST, height: 1 });
  });
});

describe('SVG detection', () => {
  it('trusts the SVG type or extension, skips raster types, sniffs the rest', () => {
    expect(svgCandidate('a.svg', '')).toBe('svg');
    expect(svgCandidate('a', 'image/svg+xml')).toBe('svg');
    expect(svgCandidate('a.png', 'image/png')).toBe('no');
    expect(svgCandidate('drawing', '')).toBe('sniff');
    expect(svgCandidate('drawing.xml', 'text/xml')).toBe('sniff');
  });

  it('recognises SVG by its first bytes', () => {
    expect(looksLikeSvg('<svg xmlns="http://www.w3.org/2000/svg">')).toBe(true);
    expect(looksLikeSvg('\uFEFF  \n<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg width="1">')).toBe(true);
    expect(looksLikeSvg('<!-- made by hand --><svg>')).toBe(true);
    expect(looksLikeSvg('<?xml version="1.0"?><rss version="2.0">')).toBe(false);
    expect(looksLikeSvg('<svgfoo>')).toBe(false);
    expect(looksLikeSvg('\x89PNG\r\n')).toBe(false);
  });
});
