/**
 * Where this deployment may fetch from, as its Content-Security-Policy says (connect-src, built by
 * scripts/vite/csp.ts). Your model checks a typed address against it before asking, so a refused
 * origin gets a plain explanation instead of the browser's bare "Failed to fetch" (and no violation).
 * The matching follows CSP's source expressions for the forms the build writes: 'self', 'none',
 * a scheme (`https:`), and `scheme://host[:port]` with `*.` subdomains and a `*` port.
 */
import { LumenError } from '@/shared/errors';

/** The sources of connect-src (or default-src, which stands in for it); null when the policy names neither. */
export function connectSources(policy: string): string[] | null {
  const directives = new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...sources]) => [name.toLowerCase(), sources] as const),
  );
  return directives.get('connect-src') ?? directives.get('default-src') ?? null;
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };
const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^/:]+)(?::(\d+|\*))?(?:\/.*)?$/i;

/** Whether one source expression lets the page (at `pageOrigin`) connect to `url`. */
function matches(source: string, url: URL, pageOrigin: URL): boolean {
  const lower = source.toLowerCase();
  if (lower === "'self'") return url.origin === pageOrigin.origin;
  if (lower.startsWith("'")) return false; // 'none' and keywords that grant no connection
  // An http: source admits https: too (CSP's secure upgrade).
  const schemeFits = (scheme: string): boolean => scheme === url.protocol || (scheme === 'http:' && url.protocol === 'https:');
  if (/^[a-z][a-z0-9+.-]*:$/.test(lower)) return schemeFits(lower);
  const parts = HOST_SOURCE.exec(lower);
  if (!parts) return false;
  const [, scheme, host = '', port] = parts;
  if (!schemeFits(scheme ? `${scheme}:` : pageOrigin.protocol)) return false;
  const hostname = url.hostname.toLowerCase();
  const hostFits = host === '*' || (host.startsWith('*.') ? hostname.endsWith(host.slice(1)) : hostname === host);
  // No port in the source: the scheme's default only (URL.port is '' exactly then).
  const portFits = port === '*' || (port === undefined ? url.port === '' : (url.port || DEFAULT_PORT[url.protocol]) === port);
  return hostFits && portFits;
}

export function connectAllowed(sources: readonly string[], url: URL, pageOrigin: URL): boolean {
  return sources.some((source) => matches(source, url, pageOrigin));
}

/** The sources as a person reads them: "this site", the origins, "a server on this computer". */
export function describeSources(sources: readonly string[]): string {
  const names = new Set<string>();
  for (const source of sources) {
    if (source === "'self'") names.add('this site');
    else if (/^http:\/\/(localhost|127\.0\.0\.1)(:\*)?$/.test(source)) names.add('a server on this computer (localhost)');
    // The Hub and its file hosts (scripts/vite/csp.ts) read as one place.
    else if (/^https:\/\/([a-z0-9-]+\.)*(huggingface\.co|hf\.co)$/.test(source)) names.add('the Hugging Face Hub');
    else if (!source.startsWith("'")) names.add(source.replace(/:\*$/, ''));
  }
  return names.size > 0 ? [...names].join(', ') : 'nowhere';
}

/** The message for an address the policy refuses; null when it is allowed. */
export function refusalFor(url: URL, sources: readonly string[] | null, pageOrigin: URL): string | null {
  if (sources === null || connectAllowed(sources, url, pageOrigin)) return null;
  return (
    `This deployment only loads models from: ${describeSources(sources)}. ${url.origin} is not one of them, so the browser refuses it ` +
    `(the site's Content-Security-Policy). Download the model's files and drop them here instead, or ask whoever runs this site to ` +
    `add ${url.origin} to LUMEN_CONNECT_ORIGINS when building it.`
  );
}

/** The page's own policy, from the <meta> the build writes; null where there is none (the dev server). */
export function pagePolicy(doc: Document = document): string | null {
  return doc.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.getAttribute('content') ?? null;
}

/** Throws a `bad-request` LumenError naming the allowed origins when this page may not fetch `url`. */
export function refuseUnlistedOrigin(url: URL): void {
  const policy = pagePolicy();
  const refusal = policy === null ? null : refusalFor(url, connectSources(policy), new URL(document.baseURI));
  if (refusal) throw new LumenError('bad-request', refusal);
}
