/**
 * Benchmark actions: start, cancel, history, export. Samples stream in far faster than a person
 * can read, so they go into a plain buffer that is flushed into the store a few times a second:
 * the page re-renders at a human rate and stays responsive while the worker is busy.
 */
import { useStore, type AppState } from '@/app/store/index';
import { catalogUrl } from '@/app/store/catalogActions';
import { specFor } from '@/app/store/modelRegistry';
import { isTaughtId } from '@/features/teach/client/taughtStore';
import { restorePageEngine } from '@/app/store/actions';
import { deleteRun, listRuns, saveRun } from './benchHistory';
import { rememberBestBatches } from '@/features/classify/client/classifyBatch';
import { getEngine } from '@/engine/client';
import { startBenchmark as runPlan, type BenchHandle, type LiveSample } from './benchmarkRunner';
import { configFromForm, effectiveForm, plannedRuns, PEER_MODEL_ID, type FormInput, type PageDefaults } from '@/features/benchmark/shared/benchPlan';
import { benchCsv, benchFileName, benchJson } from '@/features/benchmark/shared/benchExport';
import type { BenchConfig, BenchRun } from '@/features/benchmark/shared/benchRun';
import { specFromCatalog } from '@/shared/models/modelSpec';
import { choiceKey, parseChoice } from '@/shared/weights/choice';
import { offeredWeights } from '@/shared/weights/variantSpec';
import type { ModelFormat } from '@/shared/models/catalog';
import { memberOnRuntime } from '@/shared/models/family';
import { runtimeOfFormat, type RuntimeName } from '@/engine/shared/types';
import { downloadText } from '@/browser/download';

/** How often live figures reach the store, ms: fast enough to look live, slow enough to be cheap. */
const FLUSH_MS = 250;
const RECENT = 120;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let handle: BenchHandle | null = null;

/** Sets fields of the form; a list the person edits stops following the page from then on. */
export function setBenchForm(patch: Partial<FormInput>): void {
  useStore.setState((s) => ({ benchForm: { ...s.benchForm, ...patch } }));
}

/** Installed from the catalog, or taught here (its base is installed): a model the benchmark can run. */
const runnable = (state: AppState, id: string): boolean => Boolean(state.installed[id]) || isTaughtId(id);

/** The page's model (when installed) and backend (the engine's, or the one asked for while it starts). */
export function pageDefaultsOf(state: AppState): PageDefaults {
  const { selectedModel, selectedWeights, engine, requestedBackend, cards } = state;
  // The page's weights come along: a float16 page benchmarks float16 unless the form says otherwise.
  const model = selectedModel && runnable(state, selectedModel) ? choiceKey(selectedModel, selectedWeights) : null;
  return { model, backend: engine?.backend ?? requestedBackend, imageCount: cards.length };
}

/** The installed member of `key`'s family on `runtime` (a weight variant only on its own runtime), or null. */
export function memberOfOn(state: Pick<AppState, 'catalog' | 'installed'>, key: string, runtime: RuntimeName): string | null {
  const { id } = parseChoice(key);
  const models = state.catalog?.models ?? [];
  const own = models.find((m) => m.id === id);
  if (!own) return null;
  if (runtimeOfFormat(own.format) === runtime) return key;
  const member = memberOnRuntime(models, id, runtime, (m) => Boolean(state.installed[m.id]));
  return member && state.installed[member.id] ? member.id : null;
}

function planConfig(state: AppState, kind: BenchConfig['kind']): BenchConfig {
  const { catalog, installed, selectedModel, cards } = state;
  const form = effectiveForm(state.benchForm, pageDefaultsOf(state));
  const formats: Record<string, ModelFormat> = {};
  for (const m of catalog?.models ?? []) if (installed[m.id]) for (const o of offeredWeights(m)) formats[choiceKey(m.id, o.weights)] = m.format;
  const peer = catalog?.models.find((m) => m.id === PEER_MODEL_ID);
  const notInstalled = form.models.filter((key) => !runnable(state, parseChoice(key).id));
  if (kind === 'sweep' && notInstalled.length > 0) throw new Error(`Not installed here: ${notInstalled.join(', ')}. Run \`npm run models\`.`);
  return configFromForm(form, kind, {
    selectedModel: selectedModel && runnable(state, selectedModel) ? choiceKey(selectedModel, state.selectedWeights) : null,
    formats,
    peerModelUrl: peer && installed[peer.id] ? specFromCatalog(peer, catalogUrl()).modelUrl : null,
    imageCount: cards.length,
    memberOn: (key, runtime) => memberOfOn(state, key, runtime),
  });
}

/** Why the form as shown cannot start `kind`, or null: derived from the state, so it never outlives its cause. */
export function benchProblemOf(state: AppState, kind: BenchConfig['kind']): string | null {
  try {
    planConfig(state, kind);
    return null;
  } catch (error) {
    return message(error);
  }
}

export async function startBenchmark(kind: BenchConfig['kind']): Promise<void> {
  if (handle) return;
  let config: BenchConfig;
  try {
    config = planConfig(useStore.getState(), kind);
  } catch {
    // The form shows the problem (benchProblemOf) for as long as it stands.
    useStore.setState({ benchAttempt: kind, benchError: null });
    return;
  }
  const { cards, engine: pageEngine } = useStore.getState();
  const specs = config.models.map((key) => {
    const { id, weights } = parseChoice(key);
    // A catalog model with its weights, or a taught one (base + head): specFor knows both.
    const spec = specFor(id, weights);
    if (!spec) throw new Error(`unknown model ${id}`);
    return spec;
  });
  const images = config.input === 'images' ? cards.map((c) => ({ name: c.name, kind: 'blob' as const, blob: c.file })) : [];

  const live = { phase: 'starting', done: 0, total: plannedRuns(config), recent: [] as number[], batch: null as number | null, warmup: true };
  let latest: BenchRun | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    useStore.setState({
      benchLive: { ...live, recent: live.recent.slice(), longTasks: latest?.longTasks ?? { count: 0, longestMs: 0, supported: false } },
      ...(latest ? { benchRun: latest } : {}),
    });
  };
  const schedule = (): void => {
    timer ??= setTimeout(flush, FLUSH_MS);
  };
  const onSample = (sample: LiveSample): void => {
    live.done += 1;
    live.phase = live.phase.replace(/: loading$/, '');
    if (sample.batch !== live.batch) live.recent = [];
    live.batch = sample.batch;
    live.warmup = sample.warmup;
    if (!sample.warmup && sample.variant === 0) {
      live.recent.push(sample.ms);
      if (live.recent.length > RECENT) live.recent.shift();
    }
    schedule();
  };

  useStore.setState({ benchStatus: 'running', benchError: null, benchAttempt: null, benchRun: null, benchLive: null });
  handle = runPlan(
    getEngine(),
    { config, specs, images },
    {
      onSample,
      onUpdate: (run) => {
        latest = run;
        schedule();
      },
      onPhase: (text) => {
        live.phase = text;
        schedule();
      },
    },
  );
  const run = await handle.result;
  handle = null;
  if (timer) clearTimeout(timer);
  flush();
  const failure = run.status === 'failed' ? (run.combos.map((c) => c.error).find(Boolean) ?? 'every combination failed') : null;
  useStore.setState({ benchRun: run, benchStatus: run.status === 'running' ? 'done' : run.status, benchError: failure });
  try {
    rememberBestBatches(run);
    await saveRun(run);
    await loadBenchHistory();
  } catch (error) {
    // A storage failure says what happened and what to do ("Not saved: the browser's storage … is full. …").
    useStore.setState({ benchError: `The run finished. ${message(error)}` });
  }
  await restoreAfterSweep(config, pageEngine?.backend ?? null);
}

/** The sweep switched backends and reloaded models; put back what the page was using. */
async function restoreAfterSweep(config: BenchConfig, before: string | null): Promise<void> {
  const switched = config.backends.some((b) => b !== before) || config.coldStart;
  if (switched) await restorePageEngine();
}

export function cancelBenchmark(): void {
  handle?.cancel();
}

export async function loadBenchHistory(): Promise<void> {
  try {
    useStore.setState({ benchHistory: await listRuns() });
  } catch (error) {
    useStore.setState({ benchError: `Saved runs are unavailable: ${message(error)}` });
  }
}

export async function removeBenchRun(id: string): Promise<void> {
  try {
    await deleteRun(id);
  } catch (error) {
    useStore.setState({ benchError: message(error) });
    return;
  }
  useStore.setState((s) => ({ benchCompare: { a: s.benchCompare.a === id ? null : s.benchCompare.a, b: s.benchCompare.b === id ? null : s.benchCompare.b } }));
  await loadBenchHistory();
}

export function showBenchRun(id: string): void {
  const run = useStore.getState().benchHistory.find((r) => r.id === id);
  if (run && !handle) useStore.setState({ benchRun: run, benchStatus: run.status === 'running' ? 'done' : run.status, benchLive: null });
}

export function setBenchCompare(slot: 'a' | 'b', id: string | null): void {
  useStore.setState((s) => ({ benchCompare: { ...s.benchCompare, [slot]: id } }));
}

export function downloadBench(run: BenchRun, format: 'json' | 'csv'): void {
  const text = format === 'json' ? benchJson(run) : benchCsv(run);
  downloadText(benchFileName(run, format), text, format === 'json' ? 'application/json' : 'text/csv');
}
