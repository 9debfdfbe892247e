/** Human-readable end-of-run summary for `npm run models`. */
import type { InstallReport, ModelReport } from '../models/install';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function detail(r: ModelReport): string {
  switch (r.status) {
    case 'FAILED':
      return r.error ?? 'unknown error';
    case 'installed':
      return `${r.filesFetched} file(s), ${formatBytes(r.bytesFetched)} fetched from ${r.location}${r.filesUpToDate ? `; ${r.filesUpToDate} already present` : ''}`;
    case 'up to date':
      return `${r.filesUpToDate} file(s) verified`;
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** The per-model table plus warnings; one line per model, failures carrying their reason. */
export function formatSummary(report: InstallReport): string {
  const rows = [
    ['model', 'version', 'size', 'status', 'details'],
    ...report.models.map((r) => [r.id, r.version, formatBytes(r.totalBytes), r.status, detail(r)]),
  ];
  const [head, ...body] = table(rows);
  const lines = [head ?? '', '-'.repeat(Math.min(100, (head ?? '').length)), ...body];
  const warnings = report.models.flatMap((r) => r.warnings.map((w) => `warning: ${r.id}: ${w}`));
  if (warnings.length) lines.push('', ...warnings);
  const failed = report.models.filter((r) => r.status === 'FAILED').length;
  const installed = report.models.filter((r) => r.status === 'installed').length;
  const upToDate = report.models.length - failed - installed;
  lines.push('', `${report.models.length} model(s): ${installed} installed, ${upToDate} up to date, ${failed} failed → ${report.outDir}`);
  if (report.hosted.length)
    lines.push(`${report.hosted.length} hosted model(s) skipped (loaded online by the app, not installed): ${report.hosted.map((h) => h.id).join(', ')}`);
  const listed = report.manifest.manifest.models;
  const selfHosted = listed.filter((m) => m.selfHosted).length;
  lines.push(`${report.manifest.path} lists ${listed.length} installed model(s)${selfHosted ? `, ${selfHosted} of them self-hosted` : ''}`);
  return lines.join('\n');
}

/** Loud banner for shared models that were not installed because `--from` is absent (or not given). */
export function formatSharedSkipped(report: InstallReport): string | undefined {
  const skipped = report.models.filter((r) => r.sharedSourceMissing);
  if (skipped.length === 0) return undefined;
  const why = report.fromMissing ? `--from directory ${report.fromMissing} does not exist` : 'no --from DIR was given';
  const bar = '!'.repeat(78);
  return [
    bar,
    `!! SHARED MODELS SKIPPED: ${why}.`,
    `!! Not installed: ${skipped.map((r) => r.id).join(', ')}.`,
    '!! The app will only offer the models that are present. To install them, pass',
    '!! --from pointing at the shared models folder (e.g. --from ../shared/models) or --base-url URL.',
    bar,
  ].join('\n');
}
