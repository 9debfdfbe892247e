/** The Content-Security-Policy the build puts into index.html and harness.html (vite.config.ts). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hostedOrigins, withPolicyMeta } from '../../vite.config';
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
  it('connects to the page, the hosted origins, https for typed URLs and a locally served model', () => {
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'https://models.example', 'https:', 'http://localhost:*', 'http://127.0.0.1:*']);
  });
  it('shows blob: thumbnails and the data: favicon, and runs the worker from the page or a blob', () => {
    expect(directive(policy, 'img-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(directive(policy, 'worker-src')).toEqual(["'self'", 'blob:']);
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
