/** The classic workflow's JSON output: one record per image, ready to save. */
import type { ClassifyItem } from '@/features/classify/shared/messages';
import type { EngineInfo } from '@/engine/shared/types';

export type ImageRecord =
  | { file: string; status: 'ok'; top: { classIndex: number | null; label: string; probability: number }[]; msPerImage: number }
  | { file: string; status: 'error'; error: string };

export interface ResultsDocument {
  model: string | null;
  backend: string | null;
  createdAt: string;
  images: ImageRecord[];
}

export function resultsDocument(model: string | null, engine: EngineInfo | null, items: (ClassifyItem | null)[], now = new Date()): ResultsDocument {
  return {
    model,
    backend: engine?.backend ?? null,
    createdAt: now.toISOString(),
    images: items.flatMap((item): ImageRecord[] => {
      if (!item) return [];
      if (item.status === 'error') return [{ file: item.name, status: 'error', error: item.error.message }];
      return [{ file: item.name, status: 'ok', top: item.predictions, msPerImage: item.batchMs / item.batchSize }];
    }),
  };
}
