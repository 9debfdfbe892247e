import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModelJsonShape, MAX_MODEL_JSON_BYTES, modelJsonProblems, parseModelJsonText } from './modelJsonCheck';
import { fetchModelJson, pickModelFiles } from './modelSource';
import { LumenError } from '@/shared/errors';
import { PUBLIC_MODELS } from '@/testing/shared';
import { itShared } from '@/testing/sharedSuite';

const catalog = JSON.parse(readFileSync(resolve(PUBLIC_MODELS, 'catalog.json'), 'utf8')) as {
  models: { id: string; version: string; format: string; source: { kind: string } }[];
};
// TF.js models only: ONNX and TFLite members have no model.json.
const FROM_SHARED = catalog.models.filter((m) => m.source.kind === 'shared' && (m.format === 'graph' || m.format === 'layers')).map((m) => m.id);

const good = {
  modelTopology: { node: [] },
  format: 'graph-model',
  weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'k', shape: [3, 1000], dtype: 'float32' }] }],
};

async function failure(promise: Promise<unknown>): Promise<LumenError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof LumenError)) throw new Error(`expected a LumenError, got ${String(error)}`);
  return error;
}

describe('model.json shape', () => {
  it('accepts a well-formed model.json', () => {
    expect(modelJsonProblems(good)).toEqual([]);
    expect(() => checkModelJsonShape(good)).not.toThrow();
  });

  // At least the models ../shared provides must be installed; any other installed one is checked too.
  itShared('accepts every installed catalog model (graph and layers, quantized or not)', { models: FROM_SHARED }, () => {
    const installed = catalog.models.map((m) => resolve(PUBLIC_MODELS, m.id, m.version, 'model.json')).filter((path) => existsSync(path));
    expect(installed.length).toBeGreaterThanOrEqual(FROM_SHARED.length);
    for (const path of installed) expect([path, modelJsonProblems(JSON.parse(readFileSync(path, 'utf8')))]).toEqual([path, []]);
  });

  it('names what is missing or of the wrong type', () => {
    expect(modelJsonProblems([good])).toEqual(['it is an array, not a JSON object']);
    expect(modelJsonProblems({ modelTopology: {} })).toEqual(['"weightsManifest" is missing: a model.json must list its weight files']);
    expect(modelJsonProblems({ weightsManifest: [] })).toEqual(['"modelTopology" is missing']);
    expect(modelJsonProblems({ ...good, modelTopology: 'x', format: 3 })).toEqual([
      '"modelTopology" is a string, not an object',
      '"format" is a number, not a string',
    ]);
    expect(modelJsonProblems({ ...good, weightsManifest: { paths: [] } })[0]).toMatch(/"weightsManifest" is an object, not a list/);
    expect(modelJsonProblems({ ...good, weightsManifest: [{ paths: 'w.bin', weights: [] }] })).toEqual([
      'weightsManifest[0].paths must be a list of file names',
    ]);
    expect(modelJsonProblems({ ...good, weightsManifest: [{ paths: ['w'], weights: [{ name: 'k', shape: [3, -1], dtype: 'float32' }] }] })[0]).toMatch(
      /weights\[0\] "shape" must be a list of whole numbers/,
    );
    expect(modelJsonProblems({ ...good, weightsManifest: [{ paths: ['w'], weights: [{ name: 'k', shape: [3], dtype: 'double' }] }] })[0]).toMatch(
      /"dtype" "double" is not a TF.js dtype/,
    );
    expect(() => checkModelJsonShape({ modelTopology: {} }, 'model.json')).toThrow(/^model.json is not a valid TF.js model.json: "weightsManifest" is missing/);
  });

  it('parses text with its size bounded, and names a parse error', () => {
    expect(parseModelJsonText(JSON.stringify(good), 'm.json')).toEqual(good);
    expect(() => parseModelJsonText('{"modelTopology": ', 'https://x.test/model.json')).toThrow(/^https:\/\/x.test\/model.json is not JSON \(/);
    expect(() => parseModelJsonText(' '.repeat(MAX_MODEL_JSON_BYTES + 1), 'big.json')).toThrow(/big.json is 32.0 MB, more than the 32.0 MB/);
  });
});

describe('custom model.json from a URL or a drop', () => {
  const url = new URL('https://x.test/m/model.json');

  it('a URL answering with a huge body is refused from its Content-Length, before its body is read', async () => {
    let read = false;
    let cancelled = false;
    const body = new ReadableStream({ pull: () => void (read = true), cancel: () => void (cancelled = true) }, { highWaterMark: 0 });
    const error = await failure(fetchModelJson(url, async () => new Response(body, { headers: { 'content-length': String(100 * 1024 * 1024) } })));
    expect(error.code).toBe('model-invalid');
    expect(error.message).toMatch(/is 100.0 MB, more than the 32.0 MB a TF.js model.json can reasonably be/);
    expect(read).toBe(false);
    expect(cancelled).toBe(true);
  });

  it('a URL answering JSON of the wrong shape is named when its facts are read', async () => {
    const { classifierFacts } = await import('./modelSource');
    const json = await fetchModelJson(url, async () => new Response('{"modelTopology": {"node": []}}'));
    expect(() => classifierFacts(json)).toThrow(/"weightsManifest" is missing/);
  });

  it('a dropped model.json that is too big, not JSON, or without a topology is named', async () => {
    const big = new File([new Uint8Array(MAX_MODEL_JSON_BYTES + 1)], 'model.json');
    expect((await failure(pickModelFiles([big]))).message).toMatch(/^model.json is 32.0 MB, more than/);
    const broken = new File(['{"modelTopology": {'], 'model.json');
    expect((await failure(pickModelFiles([broken]))).message).toMatch(
      /^model.json is not JSON \(.*\), so it is not a TF.js model.json. Drop model.json together/,
    );
    const noTopology = new File(['{"weightsManifest": []}'], 'model.json');
    expect((await failure(pickModelFiles([noTopology]))).message).toMatch(/^model.json is JSON but has no "modelTopology"/);
    const wrongTypes = new File([JSON.stringify({ modelTopology: { node: [] }, weightsManifest: 'w.bin' })], 'model.json');
    expect((await failure(pickModelFiles([wrongTypes]))).message).toMatch(/"weightsManifest" is a string, not a list/);
  });
});
