/** What `npm run eval` prints and writes: result lines, the photo table, agreement, the JSON file. */
import type { EvalImage, EvalSet } from './evalData';
import { percent, photoVerdict, type Accuracy, type Agreement, type ImageOutcome } from './evalScore';

/**
 * Reference top-1 / top-5 on ../shared/images/imagenet-sample (tfjs 4.22 wasm; decode, bilinear
 * resize straight to 224, the model's normalisation, no crop). More than 1.5 points below is a bug.
 */
export const REFERENCE: Readonly<Record<string, { top1: number; top5: number }>> = {
  mobilenet_v2_100_224: { top1: 0.847, top5: 0.962 },
  resnet50: { top1: 0.808, top5: 0.965 },
  mobilenet_v1_025_224_layers: { top1: 0.566, top5: 0.782 },
  mobilenet_v1_025_224_graph: { top1: 0.524, top5: 0.767 },
};
export const REFERENCE_TOLERANCE = 0.015;
export const REFERENCE_SET_SIZE = 1000;

export function accuracyLine(model: string, backend: string, acc: Accuracy): string {
  const failed = acc.failed ? ` (${acc.failed} failed, counted wrong)` : '';
  return `${model} on ${backend}: n=${acc.n} top-1 ${percent(acc.top1)} top-5 ${percent(acc.top5)}${failed}`;
}

/** How a full-set result compares with the reference, or why no comparison is made. */
export function referenceLine(model: string, acc: Accuracy, fullSet: boolean): string {
  const ref = REFERENCE[model];
  if (!ref) return `reference: none for ${model} (its figure is reported, not judged)`;
  const want = `reference ${percent(ref.top1)} / ${percent(ref.top5)}`;
  if (!fullSet) return `${want} applies to the full ${REFERENCE_SET_SIZE}-image sample; this run used ${acc.n} image(s)`;
  const d1 = (acc.top1 - ref.top1) * 100;
  const d5 = (acc.top5 - ref.top5) * 100;
  const ok = d1 >= -REFERENCE_TOLERANCE * 100 && d5 >= -REFERENCE_TOLERANCE * 100;
  const signed = (d: number): string => `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}`;
  return `${want}: Δ top-1 ${signed(d1)} / top-5 ${signed(d5)} points → ${ok ? 'OK (not more than 1.5 below)' : 'MORE THAN 1.5 POINTS BELOW: a bug to find'}`;
}

export function timingLine(n: number, ms: number, loadMs: number, warmupMs: number): string {
  return `time: ${n} image(s) in ${(ms / 1000).toFixed(1)} s (${(ms / Math.max(1, n)).toFixed(0)} ms/image, decode+preprocess+model+read-back); model load ${loadMs.toFixed(0)} ms, warm-up ${warmupMs.toFixed(0)} ms`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0))).join('  '));
}

/** One row per photo: top-1 Keras class, its label, probability and whether it is acceptable. */
export function photoTable(model: string, backend: string, images: readonly EvalImage[], outcomes: readonly ImageOutcome[]): string[] {
  const rows = [['photo', 'top-1', 'label', 'p', 'acceptable', 'expected']];
  let yes = 0;
  let judged = 0;
  images.forEach((image, i) => {
    const o = outcomes[i];
    const acceptable = image.acceptable ?? [];
    const verdict = o ? photoVerdict(o, acceptable) : 'error';
    if (verdict !== 'any') judged++;
    if (verdict === 'yes') yes++;
    const expected = acceptable.length ? acceptable.join('|') : '(any)';
    if (!o?.ok) rows.push([image.file, '-', o && !o.ok ? `ERROR: ${o.error}` : 'no result', '-', verdict, expected]);
    else {
      const top1 = o.top5[0] ?? -1;
      rows.push([image.file, String(top1), o.top1Label, (o.probabilities[top1] ?? 0).toFixed(3), verdict, expected]);
    }
  });
  return [
    `${model} on ${backend}: photos`,
    ...table(rows).map((r) => `  ${r}`),
    `${model} on ${backend}: ${yes}/${judged} acceptable top-1 (${images.length - judged} photo(s) accept any answer)`,
  ];
}

export function agreementLines(model: string, a: string, b: string, result: Agreement): string[] {
  const same = `${percent(result.sameTop1Fraction, 2)} (${result.sameTop1}/${result.compared})`;
  const sameOk = result.sameTop1Fraction >= 0.995;
  const deltaOk = result.maxAbsDelta <= 2e-3;
  const where = result.worst ? ` at ${result.worst.file}, class ${result.worst.classIndex}` : '';
  const lines = [
    `agreement ${model} ${a} vs ${b}: same top-1 on ${same} [target ≥ 99.5 %: ${sameOk ? 'met' : 'NOT met'}]`,
    `agreement ${model} ${a} vs ${b}: max |Δprobability| ${result.maxAbsDelta.toExponential(2)}${where} [target ≤ 2e-3: ${deltaOk ? 'met' : 'NOT met'}]`,
  ];
  if (result.failed) lines.push(`agreement: ${result.failed} image(s) failed on a backend and were not compared`);
  for (const d of result.disagreements.slice(0, 10)) lines.push(`  top-1 differs: ${d.file}: ${a} ${d.a}, ${b} ${d.b}`);
  return lines;
}

/** Probabilities rounded to 6 significant digits: exact enough for 2e-3 comparisons, half the bytes. */
const round = (p: number): number => Number(p.toPrecision(6));

export function evalDocument(model: string, backend: string, set: EvalSet, outcomes: readonly ImageOutcome[], acc: Accuracy | null) {
  return {
    model,
    backend,
    n: outcomes.length,
    top1: acc?.top1 ?? null,
    top5: acc?.top5 ?? null,
    images: outcomes.map((o, i) => {
      const image = set.images[i];
      const base = { file: o.file, label: image?.label ?? null, ...(image?.acceptable ? { acceptable: image.acceptable } : {}) };
      return o.ok
        ? { ...base, top5: o.top5, top1Label: o.top1Label, probabilities: Array.from(o.probabilities, round) }
        : { ...base, error: o.error, top5: [], probabilities: [] };
    }),
  };
}
