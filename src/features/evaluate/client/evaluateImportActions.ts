/** Evaluate reports imported from files (several at once) for the cross-device table and chart. */
import { useStore } from '@/app/store/index';
import { mergeImports } from '@/features/evaluate/shared/deviceTable';
import { type ParsedReport, parseReport } from '@/features/evaluate/shared/reportImport';

/** A report is tens to hundreds of kB; a file far past that is not one, and reading it whole would stall the page. */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

async function readReport(file: File): Promise<ParsedReport> {
  if (file.size > MAX_REPORT_BYTES)
    return { ok: false, source: file.name, message: `${file.name}: ${Math.round(file.size / 1024 / 1024)} MB is too large for an Evaluate report` };
  try {
    return parseReport(file.name, await file.text());
  } catch (error) {
    return { ok: false, source: file.name, message: `${file.name}: could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Every file is read; one refused leaves the others imported, and says why it was refused. */
export async function importEvaluateReports(files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const parsed = await Promise.all(files.map(readReport));
  useStore.setState((s) => {
    const { devices, errors } = mergeImports(s.evaluateImported, parsed);
    return { evaluateImported: devices, evaluateImportErrors: errors };
  });
}

export const clearEvaluateImports = (): void => useStore.setState({ evaluateImported: [], evaluateImportErrors: [] });
