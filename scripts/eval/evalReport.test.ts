import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from './evalArgs';
import type { EvalImage } from './evalData';
import { accuracyLine, agreementLines, evalDocument, photoTable, referenceLine } from './evalReport';
import { agreement, topIndices, type ImageOutcome } from './evalScore';

function outcome(file: string, values: Record<number, number>): ImageOutcome {
  const probabilities = new Float32Array(1000);
  for (const [k, v] of Object.entries(values)) probabilities[Number(k)] = v;
  return { file, ok: true, top5: topIndices(probabilities, 5), top1Label: 'tabby', probabilities };
}

describe('referenceLine', () => {
  it('passes a full-set result at most 1.5 points below the reference, and flags one further below', () => {
    const ok = referenceLine('mobilenet_v2_100_224', { n: 1000, top1: 0.835, top5: 0.962, failed: 0 }, true);
    expect(ok).toMatch(/Δ top-1 −1\.2 \/ top-5 \+0\.0 points → OK/);
    const bad = referenceLine('mobilenet_v2_100_224', { n: 1000, top1: 0.83, top5: 0.97, failed: 0 }, true);
    expect(bad).toMatch(/MORE THAN 1.5 POINTS BELOW/);
  });
  it('does not judge subsets or models without a reference', () => {
    expect(referenceLine('resnet50', { n: 50, top1: 0.1, top5: 0.2, failed: 0 }, false)).toMatch(/applies to the full 1000-image sample; this run used 50/);
    expect(referenceLine('darknet_tiny', { n: 1000, top1: 0.6, top5: 0.8, failed: 0 }, true)).toMatch(/none for darknet_tiny/);
  });
});

describe('lines and documents', () => {
  it('accuracy line shows both figures and failures', () => {
    expect(accuracyLine('m', 'wasm', { n: 1000, top1: 0.8473, top5: 0.9621, failed: 2 })).toBe(
      'm on wasm: n=1000 top-1 84.7 % top-5 96.2 % (2 failed, counted wrong)',
    );
  });
  it('photo table lists each photo with its verdict and a summary that leaves "any" photos out', () => {
    const images: EvalImage[] = [
      { file: 'chelsea.png', path: '/p/chelsea.png', label: null, acceptable: [281, 282, 285], what: '' },
      { file: 'astronaut.png', path: '/p/astronaut.png', label: null, acceptable: [], what: '' },
    ];
    const lines = photoTable('m', 'wasm', images, [outcome('chelsea.png', { 281: 0.7 }), outcome('astronaut.png', { 834: 0.2 })]);
    expect(lines.find((l) => l.includes('chelsea.png'))).toMatch(/chelsea\.png\s+281\s+tabby\s+0\.700\s+yes/);
    expect(lines.find((l) => l.includes('astronaut.png'))).toMatch(/\bany\b/);
    expect(lines.at(-1)).toBe('m on wasm: 1/1 acceptable top-1 (1 photo(s) accept any answer)');
  });
  it('agreement lines print both figures against their targets', () => {
    const lines = agreementLines('m', 'webgl', 'cpu', agreement([outcome('a', { 1: 0.5 })], [outcome('a', { 1: 0.503 })]));
    expect(lines[0]).toMatch(/same top-1 on 100\.00 % \(1\/1\) \[target ≥ 99\.5 %: met\]/);
    expect(lines[1]).toMatch(/max \|Δprobability\| 3\.00e-3 at a, class 1 \[target ≤ 2e-3: NOT met\]/);
  });
  it('the JSON document has fractions, labels, top-5 and all 1000 probabilities', () => {
    const set = { kind: 'accuracy' as const, dir: '/d', images: [{ file: 'a', path: '/d/a', label: 1, acceptable: null, what: '' }] };
    const doc = evalDocument('m', 'wasm', set, [outcome('a', { 1: 0.123456789 })], { n: 1, top1: 1, top5: 1, failed: 0 });
    expect(doc).toMatchObject({ model: 'm', backend: 'wasm', n: 1, top1: 1, top5: 1 });
    expect(doc.images[0]).toMatchObject({ file: 'a', label: 1, top5: [1, 0, 2, 3, 4] });
    expect(doc.images[0]?.probabilities).toHaveLength(1000);
    expect(doc.images[0]?.probabilities[1]).toBeCloseTo(0.123457, 6);
  });
});

describe('parseEvalArgs', () => {
  it('defaults to wasm, batches of 16 and the imagenet sample', () => {
    const o = parseEvalArgs(['--model', 'resnet50']);
    expect(o).toMatchObject({ model: 'resnet50', backend: 'wasm', batch: 16, agree: null, limit: undefined });
    expect(o.images).toMatch(/shared\/images\/imagenet-sample$/);
  });
  it('reads --agree as two different backends', () => {
    expect(parseEvalArgs(['--model', 'm', '--agree', 'webgl,cpu']).agree).toEqual(['webgl', 'cpu']);
    expect(() => parseEvalArgs(['--model', 'm', '--agree', 'cpu,cpu'])).toThrow(/two different backends/);
    expect(() => parseEvalArgs(['--model', 'm', '--agree', 'webgl,cpu', '--backend', 'wasm'])).toThrow(/either --backend or --agree/);
  });
  it('rejects unknown backends, bad numbers and a missing model', () => {
    expect(() => parseEvalArgs(['--model', 'm', '--backend', 'gpu'])).toThrow(/unknown backend "gpu"/);
    expect(() => parseEvalArgs(['--model', 'm', '--limit', '0'])).toThrow(/--limit needs a positive integer/);
    expect(() => parseEvalArgs([])).toThrow(/--model ID is required/);
  });
});
