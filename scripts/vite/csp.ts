/**
 * The built app's Content-Security-Policy. connect-src names every origin the app may fetch from,
 * and nothing scheme-wide (no `https:`): the page's own; the hosted catalog models' (read from the
 * catalog) and the hosts their hubs redirect to; the origins the deployer adds when building
 * (LUMEN_CONNECT_ORIGINS); and a model served on this computer. A model address typed in Your
 * model loads only from one of those: the view says so before asking (src/browser/connectPolicy.ts),
 * and the browser refuses any other. The page carries the policy as a <meta>; the service worker
 * sends the workers' version as a header (a worker's policy comes from its own script's response).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEnv, type Plugin } from 'vite';

const CATALOG = resolve(import.meta.dirname, '../../public/models/catalog.json');
export const CONNECT_ORIGINS_ENV = 'LUMEN_CONNECT_ORIGINS';
export const CSP_PLUGIN_NAME = 'lumen-content-security-policy';

/** A model served on this computer (`npx http-server --cors`, the e2e hubs): the person's own machine, no third party. */
const THIS_COMPUTER = ['http://localhost:*', 'http://127.0.0.1:*'];

/**
 * Where a hub sends a handle's requests on: tfhub.dev answers 302 to www.kaggle.com, which answers
 * 302 to storage.googleapis.com (tensorflow/hub#924). connect-src is checked at every hop.
 */
const HUB_REDIRECTS: Readonly<Record<string, readonly string[]>> = {
  'https://tfhub.dev': ['https://www.kaggle.com', 'https://storage.googleapis.com'],
  'https://www.kaggle.com': ['https://storage.googleapis.com'],
};

/**
 * The Hugging Face Hub, for a repository id typed in Your model (`org/name`): its resolve URLs
 * answer 302 to its file CDNs (LFS, and the Xet bridge that newer repositories use).
 */
export const HUGGING_FACE_ORIGINS = [
  'https://huggingface.co',
  'https://cdn-lfs.huggingface.co',
  'https://cdn-lfs-us-1.huggingface.co',
  'https://cas-bridge.xethub.hf.co',
];

/** Origins the app fetches hosted catalog models, their redirects and their absolute labels URLs from, sorted. */
export function hostedOrigins(catalogJson: unknown): string[] {
  const models = (catalogJson as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) throw new Error('catalog.json has no "models" list');
  const origins = new Set<string>();
  for (const model of models as { source?: { kind?: unknown; modelUrl?: unknown }; labels?: unknown }[]) {
    if (model.source?.kind !== 'hosted' || typeof model.source.modelUrl !== 'string') continue;
    const origin = new URL(model.source.modelUrl).origin;
    for (const o of [origin, ...(HUB_REDIRECTS[origin] ?? [])]) origins.add(o);
    // A labels path relative to model.json is on the model's origin; an absolute one may not be.
    if (typeof model.labels === 'string' && /^https?:\/\//.test(model.labels)) origins.add(new URL(model.labels).origin);
  }
  return [...origins].sort();
}

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?$/;

/**
 * LUMEN_CONNECT_ORIGINS as a list: origins (`https://models.example.com`, `https://*.example.org`,
 * `http://intranet:8080`) separated by commas or spaces. Anything else (a path, a bare scheme such
 * as `https:`, a quote) is refused, so a typo cannot open the policy up.
 */
export function parseConnectOrigins(text: string | undefined): string[] {
  const origins = new Set<string>();
  for (const item of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const origin = item.toLowerCase().replace(/\/$/, '');
    if (!ORIGIN.test(origin)) throw new Error(`${CONNECT_ORIGINS_ENV}: "${item}" is not an origin (scheme://host[:port], e.g. https://models.example.com)`);
    origins.add(origin);
  }
  return [...origins];
}

function connectSrc(origins: readonly string[]): [string, ...string[]] {
  return ['connect-src', "'self'", ...new Set(origins), ...THIS_COMPUTER];
}

const join = (directives: readonly (readonly string[])[]): string => directives.map((d) => d.join(' ')).join('; ');

/**
 * The page's policy. No inline script and no eval: only the page's own files run; 'wasm-unsafe-eval'
 * lets the wasm backend compile its .wasm. A <meta> cannot carry frame-ancestors or report-uri.
 */
export function contentSecurityPolicy(origins: readonly string[]): string {
  return join([
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['worker-src', "'self'", 'blob:'],
    connectSrc(origins),
    // Thumbnails are object URLs; the favicon is a data: SVG.
    ['img-src', "'self'", 'blob:', 'data:'],
    // The page's own stylesheets only; style properties React sets through the CSSOM are not inline styles.
    ['style-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
  ]);
}

/**
 * The workers' policy: the same connect-src. script-src adds blob: because tfjs-backend-wasm starts
 * each pthread from a blob worker that importScripts() a blob of its own factory (backend_wasm.js).
 */
export function workerContentSecurityPolicy(origins: readonly string[]): string {
  return join([['default-src', "'self'"], ['script-src', "'self'", "'wasm-unsafe-eval'", 'blob:'], ['worker-src', "'self'", 'blob:'], connectSrc(origins)]);
}

/** The built page with the policy as a <meta> right after <meta charset>, before any script or stylesheet. */
export function withPolicyMeta(html: string, policy: string): string {
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
  if (!charset) throw new Error('index.html needs <meta charset> first in <head> to put the Content-Security-Policy after it');
  const content = policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const end = charset.index + charset[0].length;
  return `${html.slice(0, end)}\n    <meta http-equiv="Content-Security-Policy" content="${content}" />${html.slice(end)}`;
}

/** What the service-worker plugin asks of this one (Vite's plugin `api`). */
export interface PolicyApi {
  workerPolicy(): string;
}

/**
 * Build only: the dev server injects inline scripts for hot reload, which the policy forbids.
 * LUMEN_CONNECT_ORIGINS comes from the environment or a .env file (Vite's loadEnv).
 */
export function contentSecurityPolicyPlugin(): Plugin & { api: PolicyApi } {
  let origins: string[] = [];
  return {
    name: CSP_PLUGIN_NAME,
    apply: 'build',
    configResolved(config) {
      const env = loadEnv(config.mode, config.envDir, CONNECT_ORIGINS_ENV);
      origins = [
        ...hostedOrigins(JSON.parse(readFileSync(CATALOG, 'utf8')) as unknown),
        ...HUGGING_FACE_ORIGINS,
        ...parseConnectOrigins(env[CONNECT_ORIGINS_ENV]),
      ];
    },
    buildStart() {
      this.addWatchFile(CATALOG);
    },
    transformIndexHtml: { order: 'post', handler: (html) => withPolicyMeta(html, contentSecurityPolicy(origins)) },
    api: { workerPolicy: () => workerContentSecurityPolicy(origins) },
  };
}
