import { describe, expect, it } from 'vitest';
import { entryDocument, entryKey, type EvaluateDocument, perClassCsv } from './evaluateJson';
import { corruptionRow, evaluateReport } from './evaluateReport';

const identity = { model: 'mobilenet_v2_100_224', weights: 'float32', runtime: 'tfjs', backend: 'wasm' };
const report = evaluateReport(
  [
    { file: 'a', truth: 0, status: 'ok', top: [0, 1], top1Probability: 0.9 },
    { file: 'b', truth: 1, status: 'ok', top: [0, 1], top1Probability: 0.6 },
  ],
  1,
);

describe('entryDocument', () => {
  const doc = entryDocument(identity, report, [corruptionRow('noise', 1, { ...report, top1: 0.25 })], { perImageMs: 3, totalMs: 6, images: 2 }, [
    'tench',
    'goldfish, "the" one',
  ]);

  it('names the entry model:weights@runtime/backend', () => {
    expect(entryKey(identity)).toBe('mobilenet_v2_100_224:float32@tfjs/wasm');
    expect(doc.entry).toBe('mobilenet_v2_100_224:float32@tfjs/wasm');
  });

  it('carries the report figures, class names and the corruption rows with accuracy relative to clean', () => {
    expect(doc).toMatchObject({ n: 2, unmapped: 1, top1: 0.5, top5: 1, latency: { perImageMs: 3 } });
    expect(doc.perClass.map((r) => r.name)).toEqual(['tench', 'goldfish, "the" one']);
    expect(doc.confusions).toEqual([{ truth: 1, truthName: 'goldfish, "the" one', predicted: 0, predictedName: 'tench', count: 1 }]);
    expect(doc.corruptions).toEqual([{ kind: 'noise', severity: 1, top1: 0.25, top5: 1, n: 2 }]);
    expect(doc.corruptedOverClean).toBe(0.5);
  });

  it('writes the most confident mistakes with class names', () => {
    expect(doc.mistakes).toEqual([
      { file: 'b', truth: 1, truthName: 'goldfish, "the" one', predicted: 0, predictedName: 'tench', probability: 0.6, truthRank: 2, truthProbability: null },
    ]);
  });

  it('writes per-class CSV rows, quoting where needed', () => {
    const document: EvaluateDocument = { entries: [doc], unmapped: 1, unmappedFolders: { x: 1 }, nonImages: 0, device: {} };
    expect(perClassCsv(document).split('\n')).toEqual([
      'entry,class_index,class_name,n,top1_correct,accuracy',
      'mobilenet_v2_100_224:float32@tfjs/wasm,0,tench,1,1,1',
      'mobilenet_v2_100_224:float32@tfjs/wasm,1,"goldfish, ""the"" one",1,0,0',
      '',
    ]);
  });
});
