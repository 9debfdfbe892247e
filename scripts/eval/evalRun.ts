/**
 * Drives the harness page: every image goes through the app's own WorkerClient → worker →
 * decode → preprocess → model → topK, exactly as a drop in the app does. The page turns each
 * item's ranked predictions (already mapped to Keras indices by the app) into a Keras-ordered
 * probability row, so scoring never needs to know a model's output layout.
 */
import type { Page } from '@playwright/test';
import type { LumenHarness } from '../../src/harness/main';
import type { BackendName, EngineInfo, ModelInfo, ModelSpec } from '../../src/engine/shared/types';
import type { WeightsName } from '../../src/shared/weights/names';
import type { EvalImage } from './evalData';
import type { ImageOutcome } from './evalScore';

/** A harness page plus the way it reaches local files (headless.ts localUrl). */
export interface EvalTarget {
  page: Page;
  localUrl(absolutePath: string): string;
}

export interface PreparedModel {
  spec: ModelSpec;
  engine: EngineInfo;
  model: ModelInfo;
  /** The model's own label names in output order (background included for 1001 classes). */
  labels: string[];
}

/** Starts `backend` in the page's worker and loads (and warms up) catalog model `modelId`. */
export async function prepareModel(
  page: Page,
  modelId: string,
  backend: BackendName,
  weights: WeightsName = 'float32',
  cropFraction: number | null = null,
): Promise<PreparedModel> {
  return page.evaluate(
    async ({ modelId, backend, weights, cropFraction }) => {
      const harness = (window as unknown as { lumenHarness: LumenHarness }).lumenHarness;
      const engine = await harness.engine.init({ backend });
      const plain = await harness.spec(modelId, weights);
      // torchvision: Resize(int(crop / fraction)) then CenterCrop(crop); its own key, so the worker
      // never mistakes it for the same model resized straight.
      const shortestEdge = cropFraction === null ? null : Math.floor(Math.min(...plain.inputSize) / cropFraction);
      const spec =
        shortestEdge === null ? plain : { ...plain, key: `${plain.key}#crop${shortestEdge}`, centerCrop: { shortestEdge, offset: 'torchvision' as const } };
      const model = await harness.engine.load({ model: spec });
      // Labels files are JSON (array or index → name object) or plain text, one name per line.
      const text = spec.labelsUrl ? (await (await harness.blob(spec.labelsUrl)).text()).trim() : '[]';
      const parsed: unknown = /^[[{]/.test(text) ? JSON.parse(text) : text.split(/\r?\n/);
      // A Hugging Face config.json holds its names under id2label.
      const raw = typeof parsed === 'object' && parsed !== null && 'id2label' in parsed ? parsed.id2label : parsed;
      const labels = Array.isArray(raw) ? raw.map(String) : Object.values(raw as Record<string, unknown>).map(String);
      return { spec, engine, model, labels };
    },
    { modelId, backend, weights, cropFraction },
  );
}

/** What the page sends back per image: plain arrays survive the trip through the devtools protocol. */
type PageOutcome = { file: string; ok: true; top5: number[]; top1Label: string; probabilities: number[] } | { file: string; ok: false; error: string };

/** One classify request for `images` (the worker batches them `batchSize` at a time). */
async function classifyChunk(target: EvalTarget, spec: ModelSpec, images: readonly EvalImage[], batchSize: number): Promise<ImageOutcome[]> {
  const files = images.map((image) => ({ file: image.file, url: target.localUrl(image.path) }));
  const outcomes = await target.page.evaluate(
    async ({ spec, files, batchSize }) => {
      const harness = (window as unknown as { lumenHarness: LumenHarness }).lumenHarness;
      const results: PageOutcome[] = files.map((f) => ({ file: f.file, ok: false, error: 'no answer from the worker' }));
      const sent: { index: number; image: { name: string; kind: 'blob'; blob: Blob } }[] = [];
      await Promise.all(
        files.map(async (f, index) => {
          try {
            sent.push({ index, image: { name: f.file, kind: 'blob', blob: await harness.blob(f.url) } });
          } catch (error) {
            results[index] = { file: f.file, ok: false, error: `could not read the file: ${String(error)}` };
          }
        }),
      );
      sent.sort((a, b) => a.index - b.index);
      if (sent.length === 0) return results;
      const handle = harness.engine.classify(
        // k = every class: the full distribution is needed for top-5 and for backend agreement.
        { model: spec, k: spec.classes, images: sent.map((s) => s.image), batchSize },
        {
          onEvent: (event) => {
            if (event.type !== 'item') return;
            const slot = sent[event.index];
            if (!slot) return;
            const { item } = event;
            if (item.status === 'error') {
              results[slot.index] = { file: item.name, ok: false, error: item.error.message };
              return;
            }
            const probabilities = new Array<number>(1000).fill(0);
            const top5: number[] = [];
            let top1Label = '';
            for (const p of item.predictions) {
              // Background (-1) and unmapped (null) outputs have no Keras class to score against.
              if (p.classIndex === null || p.classIndex < 0) continue;
              probabilities[p.classIndex] = p.probability;
              if (top5.length === 0) top1Label = p.label;
              if (top5.length < 5) top5.push(p.classIndex);
            }
            results[slot.index] = { file: item.name, ok: true, top5, top1Label, probabilities };
          },
        },
      );
      await handle.result;
      return results;
    },
    { spec, files, batchSize },
  );
  return outcomes.map((o) => (o.ok ? { ...o, probabilities: Float32Array.from(o.probabilities) } : o));
}

export interface ClassifyAllOptions {
  /** Images per classify request, and per forward pass in the worker. */
  batchSize: number;
  /** Requests queued at once: the next chunk's files are read while the worker runs this one. */
  inFlight?: number;
  /** Called as each chunk finishes (chunks may finish out of order when inFlight > 1). */
  onChunk?: (start: number, outcomes: readonly ImageOutcome[]) => void;
}

/** Classifies every image, in order; per-image failures become `ok: false` outcomes. */
export async function classifyAll(target: EvalTarget, spec: ModelSpec, images: readonly EvalImage[], options: ClassifyAllOptions): Promise<ImageOutcome[]> {
  const size = Math.max(1, Math.floor(options.batchSize));
  const starts = Array.from({ length: Math.ceil(images.length / size) }, (_, i) => i * size);
  const results: ImageOutcome[][] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < starts.length) {
      const chunkIndex = next++;
      const start = starts[chunkIndex] ?? 0;
      const outcomes = await classifyChunk(target, spec, images.slice(start, start + size), size);
      results[chunkIndex] = outcomes;
      options.onChunk?.(start, outcomes);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.inFlight ?? 2) }, lane));
  return results.flat();
}
