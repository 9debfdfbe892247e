/** Evaluate's downloads: the report (the same schema `npm run eval -- --data … --json` writes) and its per-class rows as CSV. */
import { useStore } from '@/app/store/index';
import { downloadText } from '@/browser/download';
import { type EvaluateDocument, perClassCsv } from '@/features/evaluate/shared/evaluateJson';
import { unmappedFolders } from '@/features/evaluate/shared/evaluatePlan';

/** The report of the last run, or null when there is none. */
export function evaluateDocument(): EvaluateDocument | null {
  const { evaluateRun: run, evaluatePreview: preview, evaluateFolder: folder, engine } = useStore.getState();
  if (!run || run.entries.length === 0) return null;
  return {
    entries: run.entries,
    unmapped: preview?.plan.unmapped ?? run.entries[0]?.unmapped ?? 0,
    unmappedFolders: preview ? unmappedFolders(preview.plan.unmappedGroups) : {},
    nonImages: folder?.nonImages.length ?? 0,
    device: {
      userAgent: navigator.userAgent,
      cores: navigator.hardwareConcurrency,
      backend: engine?.backend ?? null,
      isolated: globalThis.crossOriginIsolated === true,
    },
  };
}

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');

export function exportEvaluateJson(): void {
  const document = evaluateDocument();
  if (document) downloadText(`lumen-evaluate-${stamp()}.json`, `${JSON.stringify(document, null, 2)}\n`, 'application/json');
}

export function exportEvaluateCsv(): void {
  const document = evaluateDocument();
  if (document) downloadText(`lumen-evaluate-per-class-${stamp()}.csv`, perClassCsv(document), 'text/csv');
}
