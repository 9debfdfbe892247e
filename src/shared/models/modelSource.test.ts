import { describe, expect, it } from 'vitest';
import { fetchModelJson, parseModelUrl, pickModelFiles } from './modelSource';
import { LumenError } from '@/shared/errors';

const PAGE = 'http://127.0.0.1:4473/';

const modelJson = (paths: string[], units = 1000) =>
  JSON.stringify({
    modelTopology: {
      model_config: {
        class_name: 'Model',
        config: {
          layers: [
            { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 8, 8, 3] } },
            { class_name: 'Dense', config: { units, activation: 'softmax' } },
          ],
        },
      },
    },
    weightsManifest: [{ paths, weights: [] }],
  });

async function failure(promise: Promise<unknown>): Promise<LumenError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof LumenError)) throw new Error(`expected a LumenError, got ${String(error)}`);
  return error;
}

describe('parseModelUrl', () => {
  it('accepts http(s) and resolves relative addresses against the page', () => {
    expect(parseModelUrl(' https://x.test/m/model.json ', PAGE).href).toBe('https://x.test/m/model.json');
    expect(parseModelUrl('models/a/model.json', PAGE).href).toBe('http://127.0.0.1:4473/models/a/model.json');
  });

  it('refuses other schemes, naming the scheme', () => {
    expect(() => parseModelUrl('file:///home/me/model.json', PAGE)).toThrow(
      /Only http:\/\/ and https:\/\/ addresses can be loaded; "file:\/\/\/home\/me\/model.json" uses file:/,
    );
    expect(() => parseModelUrl('ftp://x.test/model.json', PAGE)).toThrow(/uses ftp:/);
    expect(() => parseModelUrl('   ', PAGE)).toThrow(/Enter the address/);
  });
});

describe('fetchModelJson', () => {
  const url = new URL('https://models.test/m/model.json');

  it('returns the parsed JSON', async () => {
    expect(await fetchModelJson(url, async () => new Response('{"modelTopology":{}}'))).toEqual({ modelTopology: {} });
  });

  it('tells a CORS refusal (server answers no-cors) from an unreachable server', async () => {
    const cors = await failure(
      fetchModelJson(url, async (_u, init) => {
        if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(cors.message).toMatch(/https:\/\/models\.test answered, but refused this page's cross-origin request \(CORS\)/);
    const down = await failure(
      fetchModelJson(url, async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(down.message).toMatch(/Could not reach https:\/\/models\.test \(Failed to fetch\)/);
    expect(down.code).toBe('network');
  });

  it('reports HTTP errors and non-JSON answers', async () => {
    expect((await failure(fetchModelJson(url, async () => new Response('no', { status: 404 })))).message).toMatch(/answered HTTP 404 \(not found\)/);
    expect((await failure(fetchModelJson(url, async () => new Response('<html>')))).message).toMatch(/is not JSON/);
  });
});

describe('pickModelFiles', () => {
  const file = (name: string, text = 'x') => new File([text], name);

  it('finds model.json, orders shards as the manifest does, keeps a labels file, ignores the rest', async () => {
    const picked = await pickModelFiles([
      file('b.bin'),
      file('SOURCE.md'),
      file('labels.json', '[]'),
      file('a.bin'),
      file('model.json', modelJson(['a.bin', 'b.bin'])),
    ]);
    expect(picked.modelJson.name).toBe('model.json');
    expect(picked.shards.map((f) => f.name)).toEqual(['a.bin', 'b.bin']);
    expect(picked.labels?.name).toBe('labels.json');
    expect(picked.ignored).toEqual(['SOURCE.md']);
  });

  it('names every missing shard', async () => {
    const error = await failure(pickModelFiles([file('model.json', modelJson(['group1-shard1of2', 'group1-shard2of2'])), file('group1-shard1of2')]));
    expect(error.message).toMatch(/^Missing shard file: group1-shard2of2\. model\.json lists 2 weight file\(s\)/);
  });

  it('lists a long run of missing shards briefly', async () => {
    const paths = Array.from({ length: 55 }, (_, i) => `group${i + 1}-shard1of1`);
    const error = await failure(pickModelFiles([file('model.json', modelJson(paths))]));
    expect(error.message).toMatch(
      /^Missing shard files: group1-shard1of1, group2-shard1of1, group3-shard1of1, group4-shard1of1, group5-shard1of1 and 50 more\. /,
    );
  });

  it('refuses a drop without model.json, and a model that is not an image classifier', async () => {
    expect((await failure(pickModelFiles([file('a.bin')]))).message).toMatch(/None of the 1 dropped file\(s\) is a TF.js model.json/);
    const error = await failure(pickModelFiles([file('model.json', modelJson(['w'], 1)), file('w')]));
    expect(error.message).toBe('This model is not an image classifier: its output is [N, 1], not one score per class (a classifier has at least 2).');
  });
});
