import { describe, expect, it } from 'vitest';
import { autoOverBest, formatAutoLines } from './benchAuto';
import type { ReportRow } from './benchReport';

const row = (model: string, runtime: string, batch: number, throughput: number): ReportRow => ({
  model,
  runtime,
  backend: 'wasm',
  threads: 1,
  batch,
  mean: 1000 / throughput,
  std: 0,
  min: 0,
  max: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  perImage: 1000 / throughput,
  throughput,
});

describe('autoOverBest', () => {
  const swept = [row('mnv2', 'tfjs', 1, 20), row('mnv2', 'tfjs', 8, 21), row('mnv2_tflite', 'litert', 8, 36), row('resnet', 'tfjs', 8, 50)];

  it("is the choice's img/s over the best swept row of its own family, never another model's", () => {
    const result = autoOverBest('mnv2', ['mnv2', 'mnv2_tflite'], row('mnv2_tflite', 'litert', 8, 34.2), swept, 's');
    expect(result?.best).toMatchObject({ model: 'mnv2_tflite', batch: 8, throughput: 36 });
    expect(result?.ratio).toBeCloseTo(0.95, 10);
    expect(formatAutoLines(result ? [result] : [])[0]).toMatch(/^auto\/best = 0\.950 /);
  });

  it('is null when the sweep ran nothing of the family', () => {
    expect(autoOverBest('x', ['x'], row('x', 'tfjs', 1, 10), swept, 's')).toBeNull();
  });
});
