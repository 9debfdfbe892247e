import { describe, expect, it } from 'vitest';
import { createOffThreadDecoding, type DecodePort } from './decodeOffThread';
import type { DecodeJob } from './decodeMessages';
import type { DecodedImage, Decoder } from '@/engine/worker/predict';
import type { ImageInput } from '@/engine/shared/types';
import { corruptModelInput } from './corruptInput';

const blob = (name: string): ImageInput => ({ name, kind: 'blob', blob: new Blob(['x']) });
const decoded: DecodedImage = {
  pixels: { data: new Uint8Array(4), width: 1, height: 1 },
  width: 1,
  height: 1,
  format: null,
  downscaled: false,
  close: () => undefined,
};
const recording =
  (calls: string[], tag: string): Decoder =>
  async (input) => {
    calls.push(`${tag}:${input.name}`);
    return decoded;
  };
const bound = { maxSide: 896, inputSize: [224, 224] as const };

function recordingPort(jobs: DecodeJob[]): DecodePort {
  return { onmessage: null, onerror: null, postMessage: (job) => void jobs.push(job), terminate: () => undefined };
}

describe('a corrupted classify request, decoded', () => {
  it('carries the corruption to the decode worker with each job', () => {
    const jobs: DecodeJob[] = [];
    const corruption = { kind: 'noise' as const, severity: 3, seed: 7 };
    void createOffThreadDecoding({ spawn: () => recordingPort(jobs), here: () => recording([], 'here') })({ ...bound, corruption })(blob('n0/a.jpg'));
    expect(jobs).toMatchObject([{ name: 'n0/a.jpg', inputSize: [224, 224], corruption }]);
  });

  it('sends no corruption for a clean request', () => {
    const jobs: DecodeJob[] = [];
    void createOffThreadDecoding({ spawn: () => recordingPort(jobs), here: () => recording([], 'here') })(bound)(blob('a.jpg'));
    expect(jobs[0]).not.toHaveProperty('corruption');
  });

  it('decodes in place with the corruption where no decode worker starts', async () => {
    const calls: string[] = [];
    const decode = createOffThreadDecoding({
      spawn: () => null,
      here: () => recording(calls, 'clean'),
      hereWithCorruption: () => recording(calls, 'corrupted'),
    })({ ...bound, corruption: { kind: 'blur', severity: 2, seed: 1 } });
    await decode(blob('a.jpg'));
    expect(calls).toEqual(['corrupted:a.jpg']);
  });

  it('severity 0 is the clean path, also in place', async () => {
    const calls: string[] = [];
    const decode = createOffThreadDecoding({
      spawn: () => null,
      here: () => recording(calls, 'clean'),
      hereWithCorruption: () => recording(calls, 'corrupted'),
    })({
      ...bound,
      corruption: { kind: 'jpeg', severity: 0, seed: 1 },
    });
    await decode(blob('a.jpg'));
    expect(calls).toEqual(['clean:a.jpg']);
  });

  it('fails the image, never scores it clean, when the corruption cannot be applied in place', async () => {
    const calls: string[] = [];
    const decode = createOffThreadDecoding({ spawn: () => null, here: () => recording(calls, 'clean') })({
      ...bound,
      corruption: { kind: 'noise', severity: 1, seed: 1 },
    });
    await expect(decode(blob('a.jpg'))).rejects.toThrow(/corruption could not be applied/);
    expect(calls).toEqual([]);
  });

  it('falls back in place with the corruption when the decode worker dies holding the image', async () => {
    const calls: string[] = [];
    const jobs: DecodeJob[] = [];
    const port = recordingPort(jobs);
    const decode = createOffThreadDecoding({
      spawn: () => port,
      here: () => recording(calls, 'clean'),
      hereWithCorruption: () => recording(calls, 'corrupted'),
    })({
      ...bound,
      corruption: { kind: 'contrast', severity: 5, seed: 1 },
    });
    const pending = decode(blob('a.jpg'));
    port.onerror?.();
    await pending;
    expect(calls).toEqual(['corrupted:a.jpg']);
  });
});

describe('corruptModelInput', () => {
  const pixels = { data: Float32Array.from([10.4, 200.6, 3, 250, 0, 128.5]), width: 2, height: 1 };

  it('returns the very same pixels with no corruption or at severity 0', async () => {
    expect(await corruptModelInput(pixels, undefined, 'a')).toBe(pixels);
    expect(await corruptModelInput(pixels, { kind: 'noise', severity: 0, seed: 3 }, 'a')).toBe(pixels);
  });

  it('is deterministic per (seed, name), and differs between names', async () => {
    const spec = { kind: 'noise' as const, severity: 5, seed: 3 };
    const a = await corruptModelInput(pixels, spec, 'x/a.jpg');
    const again = await corruptModelInput(pixels, spec, 'x/a.jpg');
    const other = await corruptModelInput(pixels, spec, 'x/b.jpg');
    expect([...a.data]).toEqual([...again.data]);
    expect([...a.data]).not.toEqual([...other.data]);
    expect(a.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
  });

  it('rejects a severity outside 0..5', async () => {
    await expect(corruptModelInput(pixels, { kind: 'blur', severity: 6, seed: 0 }, 'a')).rejects.toThrow(RangeError);
  });
});
