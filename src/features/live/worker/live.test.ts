import { describe, expect, it } from 'vitest';
import { classifyFrame, type FramePixels } from './live';
import { fakeLabels, fakeSpec } from '@/engine/worker/testing/fakeClassifier';
import type { LiveFrame } from '@/features/live/shared/messages';

const model = { spec: fakeSpec, labels: fakeLabels };

function fakePixels(closed: string[]): (frame: LiveFrame) => Promise<FramePixels> {
  return async () => ({ pixels: { data: new Uint8Array(4 * 4 * 4), width: 4, height: 4 }, width: 640, height: 480, close: () => closed.push('bitmap') });
}

describe('classifyFrame', () => {
  it('runs one frame through the injected inference and answers its top-k with the frame size', async () => {
    const closed: string[] = [];
    const row = new Float32Array(1000);
    row[285] = 0.7;
    row[281] = 0.2;
    row[7] = 0.1;
    const seen: number[] = [];
    const result = await classifyFrame(model, {} as LiveFrame, 2, {
      toPixels: fakePixels(closed),
      infer: async (pixels) => {
        seen.push(pixels.length);
        return { rows: [row], preprocessMs: 3, batchMs: 11 };
      },
    });
    expect(seen).toEqual([1]);
    expect(result.predictions.map((p) => [p.classIndex, p.label])).toEqual([
      [285, 'class 285'],
      [281, 'class 281'],
    ]);
    expect(result.predictions[0]?.probability).toBeCloseTo(0.7, 6);
    expect(result).toMatchObject({ inferMs: 11, width: 640, height: 480 });
    expect(result.preprocessMs).toBeGreaterThanOrEqual(3);
    expect(closed).toEqual(['bitmap']);
  });

  it('frees the frame’s pixels when inference fails', async () => {
    const closed: string[] = [];
    const failing = classifyFrame(model, {} as LiveFrame, 5, {
      toPixels: fakePixels(closed),
      infer: async () => {
        throw new Error('GPU gone');
      },
    });
    await expect(failing).rejects.toThrow('GPU gone');
    expect(closed).toEqual(['bitmap']);
  });
});
