import { describe, expect, it } from 'vitest';
import { connectAllowed, connectSources, describeSources, refusalFor } from './connectPolicy';

const PAGE = new URL('https://lumen.example/some/path/');
const BUILT = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self' https://storage.googleapis.com https://tfhub.dev https://*.models.example http://localhost:* http://127.0.0.1:*",
  "img-src 'self' blob: data:",
].join('; ');
const sources = connectSources(BUILT) ?? [];
const allowed = (url: string): boolean => connectAllowed(sources, new URL(url), PAGE);

describe('connectSources', () => {
  it('reads connect-src, falls back to default-src, and is null when the policy names neither', () => {
    expect(sources).toEqual([
      "'self'",
      'https://storage.googleapis.com',
      'https://tfhub.dev',
      'https://*.models.example',
      'http://localhost:*',
      'http://127.0.0.1:*',
    ]);
    expect(connectSources("default-src 'self'; img-src data:")).toEqual(["'self'"]);
    expect(connectSources('img-src data:')).toBeNull();
  });
});

describe('connectAllowed', () => {
  it('lets the page reach itself, the listed origins and a server on this computer', () => {
    expect(allowed('https://lumen.example/models/x/model.json')).toBe(true);
    expect(allowed('https://tfhub.dev/google/model.json?tfjs-format=file')).toBe(true);
    expect(allowed('https://eu.models.example/a/model.json')).toBe(true);
    expect(allowed('http://localhost:8080/model.json')).toBe(true);
    expect(allowed('http://127.0.0.1:5173/m/model.json')).toBe(true);
  });
  it('refuses an origin nobody listed, another port or scheme of a listed one, and the bare parent of a *. source', () => {
    expect(allowed('https://not-chosen.example/model.json')).toBe(false);
    expect(allowed('https://tfhub.dev:8443/model.json')).toBe(false);
    expect(allowed('http://tfhub.dev/model.json')).toBe(false);
    expect(allowed('https://models.example/model.json')).toBe(false);
    expect(allowed('http://lumen.example/models/x/model.json')).toBe(false);
  });
  it('honours scheme sources, explicit ports, and none', () => {
    expect(connectAllowed(['https:'], new URL('https://anything.example/m.json'), PAGE)).toBe(true);
    expect(connectAllowed(['https:'], new URL('http://anything.example/m.json'), PAGE)).toBe(false);
    expect(connectAllowed(['http://intranet:8080'], new URL('http://intranet:8080/m.json'), PAGE)).toBe(true);
    expect(connectAllowed(['http://intranet:8080'], new URL('http://intranet/m.json'), PAGE)).toBe(false);
    expect(connectAllowed(["'none'"], new URL('https://lumen.example/m.json'), PAGE)).toBe(false);
  });
});

describe('refusalFor', () => {
  it('names what this deployment loads from, the refused origin, and what to do instead', () => {
    const message = refusalFor(new URL('https://not-chosen.example/m/model.json'), sources, PAGE) ?? '';
    expect(message).toContain(
      'This deployment only loads models from: this site, https://storage.googleapis.com, https://tfhub.dev, https://*.models.example, a server on this computer (localhost).',
    );
    expect(message).toContain('https://not-chosen.example is not one of them');
    expect(message).toContain('drop them here instead');
    expect(message).toContain('LUMEN_CONNECT_ORIGINS');
  });
  it('has nothing to say of an allowed address, or where there is no policy (the dev server)', () => {
    expect(refusalFor(new URL('https://tfhub.dev/m/model.json'), sources, PAGE)).toBeNull();
    expect(refusalFor(new URL('https://not-chosen.example/model.json'), null, PAGE)).toBeNull();
  });
  it('describes an empty list as nowhere', () => {
    expect(describeSources(["'none'"])).toBe('nowhere');
  });
  it('names the Hugging Face Hub and its file hosts once', () => {
    const hub = ['https://huggingface.co', 'https://cdn-lfs.huggingface.co', 'https://cas-bridge.xethub.hf.co'];
    expect(describeSources(["'self'", ...hub, 'http://localhost:*'])).toBe('this site, the Hugging Face Hub, a server on this computer (localhost)');
    expect(describeSources(['https://nothuggingface.co.evil.example'])).toBe('https://nothuggingface.co.evil.example');
  });
});
