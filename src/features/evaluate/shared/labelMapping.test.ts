import { describe, expect, it } from 'vitest';
import { mapLabelsToClasses, normalizeClassName } from './labelMapping';

// A slice of ImageNet, with its synset ids, kept small; the two "crane"s and two "maillot"s are real.
const LABELS = [
  'tench, Tinca tinca',
  'goldfish, Carassius auratus',
  'golden retriever',
  'crane',
  'crane',
  "potter's wheel",
  'jersey, T-shirt, tee shirt',
  'maillot',
  'maillot, tank suit',
];
const SYNSETS = ['n01440764', 'n01443537', 'n02099601', 'n02012849', 'n03126707', 'n03992509', 'n03595614', 'n03710637', 'n03710721'];

const mapOne = (label: string) => mapLabelsToClasses(LABELS, SYNSETS, [label]);

describe('normalizeClassName', () => {
  it('ignores case, accents, punctuation, underscores, hyphens and spaces', () => {
    expect(normalizeClassName('Golden_Retriever')).toBe('goldenretriever');
    expect(normalizeClassName('  golden -- retriever ')).toBe('goldenretriever');
    expect(normalizeClassName("potter's wheel")).toBe('potterswheel');
    expect(normalizeClassName('Crème Brûlée')).toBe('cremebrulee');
    expect(normalizeClassName('---')).toBe('');
  });
});

describe('mapLabelsToClasses', () => {
  it('maps synset ids present in the list, whatever their case and surrounding spaces', () => {
    const { mapped, unmapped } = mapLabelsToClasses(LABELS, SYNSETS, ['n01440764', 'N01443537', ' n02099601 ']);
    expect([...mapped]).toEqual([
      ['n01440764', 0],
      ['N01443537', 1],
      [' n02099601 ', 2],
    ]);
    expect(unmapped).toEqual([]);
  });

  it('matches names forgivingly, including any comma-separated synonym', () => {
    const found = ['Tinca_tinca', 'Golden-Retriever', 'golden  retriever', 'potters_wheel', 'tshirt', 'Tee Shirt', 'tank suit'];
    const { mapped, unmapped } = mapLabelsToClasses(LABELS, SYNSETS, found);
    expect(Object.fromEntries(mapped)).toEqual({
      Tinca_tinca: 0,
      'Golden-Retriever': 2,
      'golden  retriever': 2,
      potters_wheel: 5,
      tshirt: 6,
      'Tee Shirt': 6,
      'tank suit': 8,
    });
    expect(unmapped).toEqual([]);
  });

  it('prefers a whole-label match to a synonym: "maillot" is class 7, not also 8', () => {
    expect(mapOne('maillot').mapped.get('maillot')).toBe(7);
  });

  it('leaves a name that fits two classes unmapped, naming both', () => {
    const { mapped, unmapped } = mapOne('Crane');
    expect(mapped.size).toBe(0);
    expect(unmapped).toEqual([{ label: 'Crane', reason: expect.stringMatching(/ambiguous: "Crane" names 2 classes, 3 \(crane\), 4 \(crane\)/) }]);
  });

  it('falls back to a class index within range', () => {
    expect(mapOne('3').mapped.get('3')).toBe(3);
    expect(mapOne('0').mapped.get('0')).toBe(0);
    expect(mapOne('9').unmapped[0]?.reason).toMatch(/index 9 is out of range: the model has 9 classes \(0–8\)/);
    expect(mapOne('-1').unmapped[0]?.reason).toMatch(/no class is named "-1"/);
    expect(mapOne('2.5').unmapped[0]?.reason).toMatch(/no class is named/);
  });

  it('tries a name before an index, so numeric class names win over positions', () => {
    const { mapped } = mapLabelsToClasses(['5', '7'], undefined, ['7', '1']);
    expect(mapped.get('7')).toBe(1);
    expect(mapped.get('1')).toBe(1);
  });

  it('explains synset ids it cannot place', () => {
    expect(mapOne('n09999999').unmapped[0]?.reason).toMatch(/synset n09999999 is not one of this model's classes/);
    expect(mapLabelsToClasses(LABELS, undefined, ['n01440764']).unmapped[0]?.reason).toMatch(/looks like a synset id, but this model has no synset list/);
  });

  it('reports unknown and empty labels, once each, in the order found', () => {
    const { mapped, unmapped } = mapLabelsToClasses(LABELS, SYNSETS, ['dog', ' ', 'dog', 'goldfish']);
    expect(mapped.get('goldfish')).toBe(1);
    expect(unmapped).toEqual([
      { label: 'dog', reason: 'no class is named "dog", and it is neither a synset id nor a class index' },
      { label: ' ', reason: 'the label is empty' },
    ]);
  });
});
