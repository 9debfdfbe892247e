/** The Content-Security-Policy the build puts into index.html and harness.html, and the workers' (scripts/vite/csp.ts). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hostedOrigins, parseConnectOrigins, workerContentSecurityPolicy, withPolicyMeta } from './csp';
import { validateCatalog } from '../../src/shared/models/catalog';

const catalogJson = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/models/catalog.json'), 'utf8')) as unknown;
const directive = (policy: string, name: string): string[] =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1) ?? [];

describe('hostedOrigins', () => {
  it('covers the origin of every hosted model and of its labels, as the validated catalog reads them', () => {
    const origins = hostedOrigins(catalogJson);
    const hosted = validateCatalog(catalogJson).models.filter((m) => m.source.kind === 'hosted');
    expect(hosted.length).toBeGreaterThan(0);
    for (const model of hosted) {
      if (model.source.kind === 'hosted') expect(origins).toContain(new URL(model.source.modelUrl).origin);
      if (/^https?:/.test(model.labels)) expect(origins).toContain(new URL(model.labels).origin);
    }
    expect(origins).toEqual(expect.arrayContaining(['https://tfhub.dev', 'https://storage.googleapis.com']));
    expect(new Set(origins).size).toBe(origins.length);
  });
  it('adds the hosts a hub redirects to: tfhub.dev → www.kaggle.com → storage.googleapis.com, each hop checked', () => {
    const handle = (modelUrl: string) => ({ models: [{ source: { kind: 'hosted', modelUrl }, labels: 'labels.txt' }] });
    expect(hostedOrigins(handle('https://tfhub.dev/google/x/1'))).toEqual(['https://storage.googleapis.com', 'https://tfhub.dev', 'https://www.kaggle.com']);
    expect(hostedOrigins(handle('https://www.kaggle.com/models/google/x/tfJs/y/1'))).toEqual(['https://storage.googleapis.com', 'https://www.kaggle.com']);
    expect(hostedOrigins(handle('https://models.example/x/model.json'))).toEqual(['https://models.example']);
  });
  it('finds nothing in a catalog without hosted models, and refuses a catalog without models', () => {
    const local = { ...(catalogJson as Record<string, unknown>) };
    local['models'] = (local['models'] as { source: { kind: string } }[]).filter((m) => m.source.kind !== 'hosted');
    expect(hostedOrigins(local)).toEqual([]);
    expect(() => hostedOrigins({})).toThrow(/no "models"/);
  });
});

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy(['https://models.example']);
  it("runs only the page's own scripts: no inline script, no eval; wasm may compile", () => {
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
  });
  it('connects to the page, the origins it is given and a model served on this computer, and to nothing scheme-wide', () => {
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'https://models.example', 'http://localhost:*', 'http://127.0.0.1:*']);
    expect(directive(contentSecurityPolicy([]), 'connect-src')).toEqual(["'self'", 'http://localhost:*', 'http://127.0.0.1:*']);
    for (const sources of [directive(policy, 'connect-src'), directive(policy, 'default-src')]) {
      expect(sources.filter((s) => /^[a-z-]+:$/.test(s) || s === '*')).toEqual([]);
    }
  });
  it('lists an origin once however often it is given', () => {
    expect(directive(contentSecurityPolicy(['https://a.example', 'https://a.example']), 'connect-src')).toEqual([
      "'self'",
      'https://a.example',
      'http://localhost:*',
      'http://127.0.0.1:*',
    ]);
  });
  it('shows blob: thumbnails and the data: favicon, and runs the worker from the page or a blob', () => {
    expect(directive(policy, 'img-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(directive(policy, 'worker-src')).toEqual(["'self'", 'blob:']);
  });
});

describe('workerContentSecurityPolicy', () => {
  const page = contentSecurityPolicy(['https://models.example']);
  const worker = workerContentSecurityPolicy(['https://models.example']);
  it('connects exactly where the page may', () => {
    expect(directive(worker, 'connect-src')).toEqual(directive(page, 'connect-src'));
  });
  it("lets wasm compile and the wasm backend's pthreads load their blob script, and evaluates no strings", () => {
    expect(directive(worker, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
    expect(directive(worker, 'worker-src')).toEqual(["'self'", 'blob:']);
    expect(worker).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });
});

describe('parseConnectOrigins (LUMEN_CONNECT_ORIGINS)', () => {
  it('takes origins separated by commas or spaces, lower-cased, without a trailing slash, once each', () => {
    expect(parseConnectOrigins(' https://Models.Example.com/, https://*.cdn.example  http://intranet:8080 https://models.example.com')).toEqual([
      'https://models.example.com',
      'https://*.cdn.example',
      'http://intranet:8080',
    ]);
    expect(parseConnectOrigins(undefined)).toEqual([]);
    expect(parseConnectOrigins('')).toEqual([]);
  });
  it('refuses what would open the policy up or is no origin: a bare scheme, a wildcard, a path, a keyword', () => {
    for (const bad of ['https:', '*', 'https://*', 'https://models.example/path', "'unsafe-eval'", 'models.example', 'ftp://models.example']) {
      expect(() => parseConnectOrigins(bad), bad).toThrow(/LUMEN_CONNECT_ORIGINS: .* is not an origin/);
    }
  });
});

describe('withPolicyMeta', () => {
  it('puts the policy right after <meta charset>, before any script, with quotes escaped', () => {
    const html = '<head>\n    <meta charset="UTF-8" />\n    <script type="module" src="./a.js"></script></head>';
    const out = withPolicyMeta(html, `script-src 'self'; x "y"`);
    expect(out).toContain('<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="script-src \'self\'; x &quot;y&quot;" />');
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script'));
  });
  it('refuses a page with no <meta charset> rather than ship it without a policy', () => {
    expect(() => withPolicyMeta('<head></head>', "default-src 'self'")).toThrow(/meta charset/);
  });
});
