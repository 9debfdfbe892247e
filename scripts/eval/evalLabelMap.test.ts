import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../../src/shared/models/catalog';
import type { EvalImage } from './evalData';
import { ambiguousNames, checkLabelMap, labelMapLines } from './evalLabelMap';
import type { ImageOutcome } from './evalScore';

const image = (file: string, label: number): EvalImage => ({ file, path: `/x/${file}`, label, acceptable: null, what: '' });
function outcome(file: string, values: Record<number, number>): ImageOutcome {
  const probabilities = new Float32Array(1000);
  for (const [k, v] of Object.entries(values)) probabilities[Number(k)] = v;
  return { file, ok: true, top5: [], top1Label: '', probabilities };
}

describe('ambiguousNames', () => {
  it('finds names shared by several outputs (case-insensitive) with their mapped Keras indices', () => {
    const labels = ['crane', 'dog', 'Crane', 'cat'];
    expect(ambiguousNames(labels, [134, 5, 517, 9])).toEqual([{ name: 'crane', outputs: [0, 2], kerasIndices: [134, 517] }]);
  });
});

describe('checkLabelMap', () => {
  const crane = { name: 'crane', outputs: [428, 544], kerasIndices: [134, 517] };
  const images = [image('bird.jpg', 134), image('other.jpg', 1), image('machine.jpg', 517)];

  it('is consistent when each image prefers its own class among the candidates', () => {
    const outcomes = [outcome('bird.jpg', { 134: 0.8, 517: 0.01 }), outcome('other.jpg', {}), outcome('machine.jpg', { 134: 0, 517: 0.2 })];
    const [evidence] = checkLabelMap([crane], images, outcomes);
    expect(evidence?.verdict).toBe('consistent');
    expect(evidence?.rows.map((r) => r.file)).toEqual(['bird.jpg', 'machine.jpg']);
    expect(labelMapLines([evidence!])[0]).toMatch(/label map 'crane': outputs 428, 544 → Keras 134, 517: CONSISTENT/);
  });
  it('is swapped when every image prefers the other candidate', () => {
    const outcomes = [outcome('bird.jpg', { 517: 0.7 }), outcome('other.jpg', {}), outcome('machine.jpg', { 134: 0.3 })];
    expect(checkLabelMap([crane], images, outcomes)[0]?.verdict).toBe('swapped');
  });
  it('is unclear on mixed evidence or without images of both classes', () => {
    const mixed = [outcome('bird.jpg', { 134: 0.4, 517: 0.1 }), outcome('other.jpg', {}), outcome('machine.jpg', { 134: 0.3, 517: 0.2 })];
    expect(checkLabelMap([crane], images, mixed)[0]?.verdict).toBe('unclear');
    const one = checkLabelMap([crane], [image('bird.jpg', 134)], [outcome('bird.jpg', { 134: 1 })]);
    expect(one[0]?.verdict).toBe('unclear');
  });
});

describe('the committed Darknet map', () => {
  // Each pair was checked against Darknet's own class list (pjreddie/darknet data/imagenet.labels.list,
  // first 1000 synsets, in output order): output 428 is n02012849 (crane, bird) = Keras 134, 544 is
  // n03126707 (crane, machine) = 517, 781 is n03710637 (maillot) = 638, 976 is n03710721 (maillot,
  // tank suit) = 639, 49 is n02113186 (Cardigan corgi) = 264, 835 is n02963159 (cardigan) = 474.
  it('maps the outputs whose names are ambiguous to the synsets Darknet trained them on', () => {
    const catalog = validateCatalog(JSON.parse(readFileSync(new URL('../../public/models/catalog.json', import.meta.url), 'utf8')));
    const map = catalog.models.find((m) => m.id === 'darknet_tiny')?.kerasIndex ?? [];
    const pairs: [number, number][] = [
      [428, 134],
      [544, 517],
      [781, 638],
      [976, 639],
      [49, 264],
      [835, 474],
    ];
    for (const [output, keras] of pairs) expect(map[output], `output ${output}`).toBe(keras);
  });
});
