/** Number formatting shared by the inspector, compare and cache views. */

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
}

/** 470,000 → "0.47 M"; exact counts stay available in titles and data attributes. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (n < 1e4) return n.toLocaleString('en-US');
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} k`;
  return `${(n / 1e6).toFixed(2)} M`;
}

/** A class probability: 0.123 → "12.3%", small ones with one more digit (0.0123 → "1.23%"). */
export function formatProbability(p: number): string {
  return `${(p * 100).toFixed(p >= 0.1 ? 1 : 2)}%`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** [null, 224, 224, 3] → "[N, 224, 224, 3]" */
export function formatShape(shape: readonly (number | null)[] | null | undefined): string {
  if (!shape) return 'unknown';
  return `[${shape.map((d) => d ?? 'N').join(', ')}]`;
}
