import { describe, expect, it } from 'vitest';
import { CORRUPTION_SEED, NO_LABEL, planImages, plannedPasses, unmappedFolders } from './evaluatePlan';

const names = ['tench, Tinca tinca', 'goldfish, Carassius auratus', 'great white shark'];
const synsets = ['n01440764', 'n01443537', 'n01484850'];

describe('planImages', () => {
  const plan = planImages(
    [
      { path: 'set/n01440764/a.jpg', label: 'n01440764' },
      { path: 'set/goldfish/b.jpg', label: 'goldfish' },
      { path: 'set/2/c.jpg', label: '2' },
      { path: 'set/holiday/d.jpg', label: 'holiday' },
      { path: 'set/holiday/e.jpg', label: 'holiday' },
      { path: 'set/f.jpg', label: null },
    ],
    names,
    synsets,
  );

  it('scores images whose label is a synset, a name or an index', () => {
    expect(plan.scored).toEqual([
      { path: 'set/n01440764/a.jpg', truth: 0 },
      { path: 'set/goldfish/b.jpg', truth: 1 },
      { path: 'set/2/c.jpg', truth: 2 },
    ]);
  });

  it('counts the rest by label, with a reason, never scoring them', () => {
    expect(plan.unmapped).toBe(3);
    expect(plan.unmappedGroups.map(({ label, count }) => [label, count])).toEqual([
      ['holiday', 2],
      [NO_LABEL, 1],
    ]);
    expect(plan.unmappedGroups[0]?.reason).toMatch(/no class is named "holiday"/);
    expect(unmappedFolders(plan.unmappedGroups)).toEqual({ holiday: 2, [NO_LABEL]: 1 });
  });
});

describe('plannedPasses', () => {
  it('is the clean pass, then each kind at each severity, seeded alike', () => {
    expect(plannedPasses(['noise', 'jpeg'], [0, 3])).toEqual([
      { kind: 'clean' },
      { kind: 'corrupted', corruption: { kind: 'noise', severity: 0, seed: CORRUPTION_SEED } },
      { kind: 'corrupted', corruption: { kind: 'noise', severity: 3, seed: CORRUPTION_SEED } },
      { kind: 'corrupted', corruption: { kind: 'jpeg', severity: 0, seed: CORRUPTION_SEED } },
      { kind: 'corrupted', corruption: { kind: 'jpeg', severity: 3, seed: CORRUPTION_SEED } },
    ]);
    expect(plannedPasses([], [1, 2])).toEqual([{ kind: 'clean' }]);
  });
});
