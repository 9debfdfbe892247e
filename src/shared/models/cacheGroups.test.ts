import { describe, expect, it } from 'vitest';
import { groupCacheEntries, responseBytes } from './cacheGroups';

const BASE = 'http://127.0.0.1:4473/models/';

describe('groupCacheEntries', () => {
  it('groups catalog files by <id>/<version>/ and sums their sizes', () => {
    const groups = groupCacheEntries(
      [
        { url: `${BASE}mobilenet_v1_025_224_graph/1.0.0/model.json`, bytes: 60_507 },
        { url: `${BASE}mobilenet_v1_025_224_graph/1.0.0/group1-shard1of1`, bytes: 1_875_348 },
        { url: `${BASE}darknet_tiny/1.0.0/model.json`, bytes: 100 },
        { url: `${BASE}mobilenet_v1_025_224_graph/2.0.0/model.json`, bytes: 7 },
      ],
      BASE,
    );
    expect(groups.map((g) => [g.key, g.id, g.version, g.bytes, g.urls.length])).toEqual([
      ['darknet_tiny/1.0.0/', 'darknet_tiny', '1.0.0', 100, 1],
      ['mobilenet_v1_025_224_graph/1.0.0/', 'mobilenet_v1_025_224_graph', '1.0.0', 1_935_855, 2],
      ['mobilenet_v1_025_224_graph/2.0.0/', 'mobilenet_v1_025_224_graph', '2.0.0', 7, 1],
    ]);
  });

  it('groups files from other addresses by their folder, with no id or version', () => {
    const groups = groupCacheEntries(
      [
        { url: 'https://example.com/m/v3/model.json', bytes: 10 },
        { url: 'https://example.com/m/v3/group1-shard1of1.bin', bytes: 20 },
        { url: 'https://example.com/other/model.json', bytes: 5 },
      ],
      BASE,
    );
    expect(groups).toEqual([
      {
        key: 'https://example.com/m/v3/',
        id: null,
        version: null,
        bytes: 30,
        urls: ['https://example.com/m/v3/model.json', 'https://example.com/m/v3/group1-shard1of1.bin'],
      },
      { key: 'https://example.com/other/', id: null, version: null, bytes: 5, urls: ['https://example.com/other/model.json'] },
    ]);
  });

  it('a file directly under models/ (no version folder) is not taken for a model', () => {
    expect(groupCacheEntries([{ url: `${BASE}catalog.json`, bytes: 1 }], BASE)[0]).toMatchObject({ key: BASE, id: null });
  });
});

describe('responseBytes', () => {
  it('uses Content-Length when present, else the body size', async () => {
    expect(await responseBytes(new Response('abc', { headers: { 'content-length': '1234' } }))).toBe(1234);
    expect(await responseBytes(new Response('abcdef'))).toBe(6);
  });
});
