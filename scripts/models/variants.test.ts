import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { variantMismatches, writeVariant } from './variants';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function tinyModel(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'lumen-variants-'));
  const kernel = Float32Array.from({ length: 64 * 80 }, (_, i) => Math.sin(i) / 10);
  const bias = Float32Array.from({ length: 80 }, (_, i) => Math.cos(i * 1.7) / 100); // not on a grid
  const data = new Uint8Array(kernel.byteLength + bias.byteLength);
  data.set(new Uint8Array(kernel.buffer), 0);
  data.set(new Uint8Array(bias.buffer), kernel.byteLength);
  await writeFile(join(dir, 'group1-shard1of2.bin'), data.subarray(0, 10000));
  await writeFile(join(dir, 'group1-shard2of2.bin'), data.subarray(10000));
  const weights = [
    { name: 'fc/kernel', shape: [64, 80], dtype: 'float32' },
    { name: 'fc/bias', shape: [80], dtype: 'float32' },
  ];
  await writeFile(
    join(dir, 'model.json'),
    JSON.stringify({
      format: 'layers-model',
      modelTopology: { x: 1 },
      weightsManifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights }],
    }),
  );
  return dir;
}

describe('writeVariant', () => {
  it('writes model.json and shards beside the float32 files, deterministically, and records their hashes', async () => {
    const folder = await tinyModel();
    const first = await writeVariant(folder, 'uint8', 100);
    expect(first.tensors).toEqual({ uint8: 1, float16: 1, keep: 0 });
    expect(await readdir(join(folder, 'uint8'))).toEqual(['group1-shard1of1.bin', 'model.json']);
    const json = JSON.parse(await readFile(join(folder, 'uint8', 'model.json'), 'utf8')) as {
      modelTopology: unknown;
      weightsManifest: { weights: { quantization?: { dtype: string } }[] }[];
    };
    expect(json.modelTopology).toEqual({ x: 1 });
    expect(json.weightsManifest[0]?.weights.map((w) => w.quantization?.dtype)).toEqual(['uint8', 'float16']);
    expect(first.totalBytes).toBe(first.files.reduce((n, f) => n + f.size, 0) + 100);
    const shard = first.files.find((f) => f.path === 'group1-shard1of1.bin');
    expect(shard?.size).toBe(64 * 80 + 80 * 2);
    const again = await writeVariant(folder, 'uint8', 100);
    expect(again.files).toEqual(first.files);
    expect(variantMismatches([{ weights: 'uint8', files: first.files, totalBytes: first.totalBytes, top1: 0.5, top5: 0.7 }], [again])).toEqual([]);
    const changed = first.files.map((f) => (f.path === 'model.json' ? { ...f, sha256: '0'.repeat(64) } : f));
    expect(variantMismatches([{ weights: 'uint8', files: changed, totalBytes: 1, top1: 0.5, top5: 0.7 }], [again])[0]).toMatch(/uint8 variant/);
  });

  it('float16 halves every float32 tensor', async () => {
    const folder = await tinyModel();
    const record = await writeVariant(folder, 'float16', 0);
    expect(record.files.find((f) => f.path !== 'model.json')?.size).toBe((64 * 80 + 80) * 2);
  });
});
