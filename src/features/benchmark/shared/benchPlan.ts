/** From the benchmark form to a runnable config, with messages a person can act on. Pure. */
import { APP_VARIANT, methodVariants } from './benchVariants';
import { parseBatchList } from '@/shared/stats';
import type { BenchConfig } from './benchRun';
import type { ModelFormat } from '@/shared/models/catalog';
import type { BackendName, RuntimeName } from '@/engine/shared/types';
import type { BenchVariant } from './messages';

/** The model @tensorflow-models/mobilenet loads for version 1, alpha 0.25: the peer comparison needs it. */
export const PEER_MODEL_ID = 'mobilenet_v1_025_224_graph';

/** The benchmark form as it is shown and run (text where the user types, parsed on start). */
export interface FormInput {
  models: readonly string[];
  backends: readonly BackendName[];
  /**
   * Runtimes to run each ticked model on, as the member of its family there (the same network as
   * ONNX or TFLite: shared/models/family.ts); empty: each model on its own runtime.
   */
  runtimes: readonly RuntimeName[];
  batchesText: string;
  warmup: number;
  runs: number;
  /** Time each batch size for `durationS` seconds instead of a fixed number of runs. */
  useDuration: boolean;
  durationS: number;
  input: 'images' | 'random';
  /** Reload each model first so its cold start (load, warm-up) is measured too. */
  coldStart: boolean;
  /** Method comparison: one batch size, every TF.js call and both preprocessing places. */
  methodBatch: number;
  /** Method comparison: also time the peer (MobileNetV1 0.25 graph only). */
  methodPeer: boolean;
}

/**
 * What the store holds. `null` in models, backends and input means "what the page uses" until the
 * person picks: the default is resolved by effectiveForm at every render and at Run, never copied
 * in after a render (that copy once lagged behind the page and the form disagreed with its error).
 */
export interface FormState extends Omit<FormInput, 'models' | 'backends' | 'input'> {
  models: readonly string[] | null;
  backends: readonly BackendName[] | null;
  input: FormInput['input'] | null;
}

/** What the page is using now, the source of the form's defaults. */
export interface PageDefaults {
  /** The model chosen in the picker when it is installed, else null. */
  model: string | null;
  /** The backend the engine runs on, or the one asked for while it starts; null when unknown. */
  backend: BackendName | null;
  imageCount: number;
}

/** The one place the form's defaults are resolved: the form shows exactly this, and Run runs exactly this. */
export function effectiveForm(state: FormState, page: PageDefaults): FormInput {
  return {
    ...state,
    models: state.models ?? (page.model ? [page.model] : []),
    backends: state.backends ?? (page.backend ? [page.backend] : []),
    input: state.input ?? (page.imageCount > 0 ? 'images' : 'random'),
  };
}

export interface PlanContext {
  /** The model chosen in the picker: what the method comparison measures. */
  selectedModel: string | null;
  formats: Readonly<Record<string, ModelFormat>>;
  /** Absolute URL of the peer model's model.json, when it is installed. */
  peerModelUrl: string | null;
  imageCount: number;
  /** The installed member of a model's family on a runtime (the model itself when it runs there), or null. */
  memberOn?: (model: string, runtime: RuntimeName) => string | null;
}

/**
 * The ticked models on the ticked runtimes: each model's family member on each runtime, in the
 * order ticked, once each; `missing` names the (model, runtime) pairs that have none installed.
 * Only float32 models have family members: a weight variant runs on its own runtime alone.
 */
export function modelsOnRuntimes(
  models: readonly string[],
  runtimes: readonly RuntimeName[],
  memberOn: (model: string, runtime: RuntimeName) => string | null,
): { models: string[]; missing: string[] } {
  if (runtimes.length === 0) return { models: [...models], missing: [] };
  const chosen: string[] = [];
  const missing: string[] = [];
  for (const model of models) {
    for (const runtime of runtimes) {
      const member = model.includes(':') ? (memberOn(model, runtime) === model ? model : null) : memberOn(model, runtime);
      if (member === null) missing.push(`${model} on ${runtime}`);
      else if (!chosen.includes(member)) chosen.push(member);
    }
  }
  return { models: chosen, missing };
}

const wholeAtLeast = (value: number, min: number, what: string): number => {
  if (!Number.isInteger(value) || value < min) throw new Error(`${what} must be a whole number of at least ${min}`);
  return value;
};

export function configFromForm(form: FormInput, kind: BenchConfig['kind'], ctx: PlanContext): BenchConfig {
  if (form.backends.length === 0) throw new Error('Choose at least one backend.');
  if (form.input === 'images' && ctx.imageCount === 0) throw new Error('No images to benchmark with: drop some in the Classify view, or choose random input.');
  const warmup = wholeAtLeast(form.warmup, 0, 'Warm-up runs');
  const runs = form.useDuration ? Math.max(1, Math.round(form.runs) || 1) : wholeAtLeast(form.runs, 1, 'Timed runs');
  if (form.useDuration && !(form.durationS > 0)) throw new Error('The duration must be more than 0 seconds.');
  const durationMs = form.useDuration ? form.durationS * 1000 : null;
  const base = { backends: [...form.backends], warmup, runs, durationMs, input: form.input };

  if (kind === 'sweep') {
    if (form.models.length === 0) throw new Error('Choose at least one model.');
    let batches: number[];
    try {
      batches = parseBatchList(form.batchesText);
    } catch (error) {
      throw new Error(`Batch sizes: ${error instanceof Error ? error.message : String(error)}.`);
    }
    const { models } = modelsOnRuntimes(form.models, form.runtimes, ctx.memberOn ?? ((model) => model));
    if (models.length === 0) throw new Error(`None of the ticked models has a member on ${form.runtimes.join(' or ')} installed here.`);
    return { ...base, kind, models, batches, variants: [APP_VARIANT], coldStart: form.coldStart };
  }

  const model = ctx.selectedModel;
  const format = model ? ctx.formats[model] : undefined;
  if (!model || !format) throw new Error('Choose an installed model above to compare methods on.');
  const batch = wholeAtLeast(form.methodBatch, 1, 'The comparison batch size');
  const variants: BenchVariant[] = [...methodVariants(format), { kind: 'bare' }];
  if (form.methodPeer && model === PEER_MODEL_ID && ctx.peerModelUrl) variants.push({ kind: 'peer', modelUrl: ctx.peerModelUrl });
  return { ...base, kind, models: [model], batches: [batch], variants, coldStart: false };
}

/** Runs the plan will time, warm-ups included (for the progress bar); null in duration mode. */
export function plannedRuns(config: BenchConfig): number | null {
  if (config.durationMs !== null) return null;
  const perBatch = config.batches.reduce((sum, batch) => {
    const running = config.variants.filter((v) => v.kind !== 'peer' || batch === 1).length;
    return sum + running * (config.warmup + config.runs);
  }, 0);
  return perBatch * config.models.length * config.backends.length;
}
