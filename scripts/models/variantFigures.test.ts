import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogVariants, offerProblem, type FiguresFile, type ModelFigures } from './variantFigures';

const m = (bytes: number, top1: number) => ({ bytes, top1, top5: top1 + 0.2, n: 1000 });
const files = [{ path: 'model.json', size: 10, sha256: 'a'.repeat(64) }];

describe('which variants are offered', () => {
  const figures: ModelFigures = { float32: m(100, 0.847), float16: m(50, 0.845), uint8: m(37, 0.84) };

  it('offers float16 within 0.5 top-1 points of float32, refuses uint8 0.7 points below', () => {
    expect(offerProblem(figures, 'float16')).toBeNull();
    expect(offerProblem(figures, 'uint8')).toMatch(/0\.7 points below/);
    expect(offerProblem({ ...figures, float16: m(50, 0.842) }, 'float16')).toBeNull(); // exactly 0.5
  });

  it('refuses a uint8 that is hardly lighter than float16, and anything unmeasured or measured on another set', () => {
    expect(offerProblem({ ...figures, uint8: m(49, 0.847) }, 'uint8')).toMatch(/hardly lighter/);
    expect(offerProblem({ float32: figures.float32 }, 'float16')).toBe('not measured');
    expect(offerProblem({ ...figures, float16: { ...m(50, 0.85), n: 100 } }, 'float16')).toMatch(/100 images/);
  });

  it('lists only offered variants, with the recorded files and the measured figures', () => {
    const written = [
      { weights: 'float16' as const, files, totalBytes: 50 },
      { weights: 'uint8' as const, files, totalBytes: 37 },
    ];
    expect(catalogVariants(figures, written)).toEqual([{ weights: 'float16', files, totalBytes: 50, top1: 0.845, top5: 0.845 + 0.2 }]);
  });

  it('agrees with the committed figures: every offered variant in the catalog passes the rule', () => {
    const committed = JSON.parse(readFileSync(new URL('../data/variants.json', import.meta.url), 'utf8')) as FiguresFile;
    const catalog = JSON.parse(readFileSync(new URL('../../public/models/catalog.json', import.meta.url), 'utf8')) as {
      models: { id: string; variants?: { weights: 'float16' | 'uint8'; top1: number }[] }[];
    };
    for (const model of catalog.models) {
      for (const v of model.variants ?? []) {
        const own = committed.models[model.id];
        expect(own, model.id).toBeDefined();
        expect(offerProblem(own ?? {}, v.weights), `${model.id} ${v.weights}`).toBeNull();
        expect(v.top1).toBe(own?.[v.weights]?.top1);
      }
    }
  });
});
