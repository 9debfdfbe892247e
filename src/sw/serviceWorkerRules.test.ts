import { describe, expect, it } from 'vitest';
import { MODEL_CACHE } from '@/shared/models/cacheGroups';
import { addedHeaders, ISOLATION_HEADERS, precacheUrls, routeRequest, shellCacheName, staleShellCaches, withIsolationHeaders } from './serviceWorkerRules';

const SCOPE = 'https://cdn.example/some/sub/path/';
const PRECACHED = precacheUrls(
  [
    { url: 'index.html', revision: 'a' },
    { url: 'assets/index-abc.js', revision: 'b' },
    { url: 'models/catalog.json', revision: 'c' },
  ],
  SCOPE,
);
const get = (url: string, mode = 'cors') => routeRequest({ url, method: 'GET', mode }, SCOPE, PRECACHED);

describe('routeRequest', () => {
  it('answers app files from the precache, ignoring the query', () => {
    expect(get(`${SCOPE}assets/index-abc.js`)).toEqual({ kind: 'precached', url: `${SCOPE}assets/index-abc.js` });
    expect(get(`${SCOPE}index.html?model=x`, 'navigate')).toEqual({ kind: 'precached', url: `${SCOPE}index.html` });
  });
  it('serves the app shell for a load of the folder with any query', () => {
    expect(get(`${SCOPE}?model=resnet50&view=inspect`, 'navigate')).toEqual({ kind: 'precached', url: `${SCOPE}index.html` });
  });
  it('leaves model files to the worker and its cache, but keeps the catalog with the shell', () => {
    expect(get(`${SCOPE}models/resnet50/1.0.0/group1-shard1of24.bin`)).toEqual({ kind: 'pass' });
    expect(get(`${SCOPE}models/resnet50/1.0.0/model.json`)).toEqual({ kind: 'pass' });
    expect(get(`${SCOPE}models/catalog.json`)).toEqual({ kind: 'precached', url: `${SCOPE}models/catalog.json` });
  });
  it("keeps the runtimes' files at first use instead of precaching them", () => {
    expect(get(`${SCOPE}assets/runtime-ort-wasm-simd-threaded-abc.wasm?v=1`)).toEqual({
      kind: 'lazy',
      url: `${SCOPE}assets/runtime-ort-wasm-simd-threaded-abc.wasm`,
    });
    expect(get(`${SCOPE}assets/runtime-litert_wasm_internal-abc.wasm`).kind).toBe('lazy');
    expect(get(`${SCOPE}assets/other-abc.js`)).toEqual({ kind: 'network' });
  });
  it('passes other origins, other folders and non-GET requests', () => {
    expect(get('https://tfhub.dev/model.json')).toEqual({ kind: 'pass' });
    expect(get('https://cdn.example/some/other/index.html', 'navigate')).toEqual({ kind: 'pass' });
    expect(routeRequest({ url: `${SCOPE}assets/index-abc.js`, method: 'POST', mode: 'cors' }, SCOPE, PRECACHED)).toEqual({ kind: 'pass' });
  });
  it('fetches unknown files of the app from the network (with headers added)', () => {
    expect(get(`${SCOPE}harness.html`, 'navigate')).toEqual({ kind: 'network' });
  });
});

describe('withIsolationHeaders', () => {
  it('adds COOP and COEP and keeps status, type and body', async () => {
    const original = new Response('hello', { status: 201, statusText: 'Made', headers: { 'content-type': 'text/plain' } });
    const isolated = withIsolationHeaders(original);
    expect(isolated.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(isolated.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
    expect(isolated.headers.get('content-type')).toBe('text/plain');
    expect(isolated.status).toBe(201);
    expect(isolated.statusText).toBe('Made');
    expect(await isolated.text()).toBe('hello');
  });
});

describe('addedHeaders', () => {
  const POLICY = "default-src 'self'; connect-src 'self' https://tfhub.dev";
  it("gives a worker's script the workers' policy, since a worker takes its policy from its own script", () => {
    expect(addedHeaders('worker', POLICY)).toEqual({ ...ISOLATION_HEADERS, 'Content-Security-Policy': POLICY });
    expect(addedHeaders('sharedworker', POLICY)['Content-Security-Policy']).toBe(POLICY);
  });
  it('adds only COOP/COEP to the page (its <meta> holds its own policy) and to other files, or when there is no policy', () => {
    for (const destination of ['document', 'script', '', 'image']) expect(addedHeaders(destination, POLICY)).toEqual(ISOLATION_HEADERS);
    expect(addedHeaders('worker', '')).toEqual(ISOLATION_HEADERS);
  });
  it('sets them on the response', () => {
    const response = withIsolationHeaders(new Response('x'), addedHeaders('worker', POLICY));
    expect(response.headers.get('content-security-policy')).toBe(POLICY);
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
  });
});

describe('staleShellCaches', () => {
  it('deletes older app versions and never the model cache', () => {
    const current = shellCacheName('v2');
    expect(staleShellCaches([shellCacheName('v1'), current, MODEL_CACHE, 'other'], current)).toEqual([shellCacheName('v1')]);
  });
});
