/**
 * Runs a benchmark plan through the worker: for each backend, start it; for each model, one
 * 'benchmark' request. The page (features/benchmark/client/benchmarkActions.ts) and the headless harness (npm run bench)
 * both call this, so the numbers on screen and in the terminal come from the same code.
 */
import { choiceKey } from '@/shared/weights/choice';
import type { LumenEngine } from '@/engine/shared/lumenEngine';
import { watchLongTasks } from './longTasks';
import { newRunId, type BenchConfig, type BenchEnvironment, type BenchRun, type ComboResult } from '@/features/benchmark/shared/benchRun';
import { isCancelled } from '@/shared/errors';
import type { BenchInput, BenchmarkOptions } from '@/features/benchmark/shared/messages';
import type { EngineInfo, ImageInput, ModelSpec } from '@/engine/shared/types';

export interface BenchPlan {
  config: BenchConfig;
  /** One spec per config.models entry, same order. */
  specs: ModelSpec[];
  /** Used when config.input is 'images'. */
  images: ImageInput[];
}

export interface LiveSample {
  combo: number;
  batch: number;
  variant: number;
  run: number;
  warmup: boolean;
  ms: number;
}

export interface RunnerHooks {
  /** A new snapshot of the run: a combo started or ended, or a batch size finished. */
  onUpdate?(run: BenchRun): void;
  /** Every run the worker timed, warm-ups included, as it comes. */
  onSample?(sample: LiveSample): void;
  onPhase?(text: string): void;
}

export interface BenchHandle {
  result: Promise<BenchRun>;
  cancel(): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function baseEnvironment(): BenchEnvironment {
  const nav = globalThis.navigator as Navigator | undefined;
  return {
    userAgent: nav?.userAgent ?? 'unknown',
    crossOriginIsolated: Boolean(globalThis.crossOriginIsolated),
    hardwareConcurrency: nav?.hardwareConcurrency ?? null,
    tfjsVersion: null,
    backends: [],
  };
}

export function startBenchmark(lumen: LumenEngine, plan: BenchPlan, hooks: RunnerHooks = {}): BenchHandle {
  const { config } = plan;
  let cancelled = false;
  let current: number | null = null;
  let run: BenchRun = {
    id: newRunId(),
    startedAt: new Date().toISOString(),
    finishedAt: null,
    status: 'running',
    config,
    environment: baseEnvironment(),
    combos: [],
    longTasks: { count: 0, longestMs: 0, supported: false },
  };
  const longTasks = watchLongTasks();
  const update = (patch: Partial<BenchRun>): void => {
    run = { ...run, ...patch, longTasks: longTasks.read() };
    hooks.onUpdate?.(run);
  };
  const setCombo = (index: number, patch: Partial<ComboResult>): void => {
    const combos = run.combos.slice();
    combos[index] = { ...(combos[index] as ComboResult), ...patch };
    update({ combos });
  };
  const input: BenchInput = config.input === 'images' ? { kind: 'images', images: plan.images } : { kind: 'random' };
  const { batches, warmup, runs, durationMs, variants, coldStart } = config;
  const options: BenchmarkOptions = { batches, warmup, runs, durationMs, variants, input, coldStart };

  const execute = async (): Promise<BenchRun> => {
    for (const backend of config.backends) {
      if (cancelled) break;
      hooks.onPhase?.(`starting ${backend}`);
      let engine: EngineInfo | null = null;
      let failure: string | null = null;
      try {
        engine = await lumen.init({ backend });
      } catch (error) {
        failure = message(error);
      }
      const described = {
        requested: backend,
        used: engine?.backend ?? null,
        reason: engine?.reason ?? failure ?? '',
        adapter: engine?.adapter ?? null,
        webglRenderer: engine?.webglRenderer ?? null,
        flags: engine?.flags ?? {},
        ...(engine?.wasmThreads ? { wasmThreads: engine.wasmThreads } : {}),
      };
      update({
        environment: {
          ...run.environment,
          tfjsVersion: engine?.tfjsVersion ?? run.environment.tfjsVersion,
          backends: [...run.environment.backends, described],
        },
      });
      for (const spec of plan.specs) {
        if (cancelled) break;
        const index = run.combos.length;
        update({
          combos: [
            ...run.combos,
            // A weight variant is its own row: mobilenet_v2_100_224:float16 beside mobilenet_v2_100_224.
            {
              model: choiceKey(spec.id, spec.weights ?? 'float32'),
              modelName: spec.name,
              backend,
              status: failure ? 'failed' : 'running',
              error: failure,
              batches: [],
              summary: null,
            },
          ],
        });
        if (failure) continue;
        hooks.onPhase?.(`${backend} · ${spec.name}: loading`);
        const handle = lumen.benchmark(
          { model: spec, options },
          {
            onEvent: (event) => {
              if (event.type === 'sample')
                hooks.onSample?.({ combo: index, batch: event.batch, variant: event.variant, run: event.run, warmup: event.warmup, ms: event.ms });
              else if (event.type === 'batch-done') setCombo(index, { batches: [...(run.combos[index]?.batches ?? []), event.result] });
            },
          },
        );
        current = handle.id;
        try {
          const summary = await handle.result;
          setCombo(index, { status: 'ok', summary, batches: summary.batches });
        } catch (error) {
          setCombo(index, { status: isCancelled(error) ? 'cancelled' : 'failed', error: isCancelled(error) ? null : message(error) });
        } finally {
          current = null;
        }
      }
    }
    const failedAll = run.combos.length > 0 && run.combos.every((c) => c.status === 'failed');
    run = { ...run, status: cancelled ? 'cancelled' : failedAll ? 'failed' : 'done', finishedAt: new Date().toISOString(), longTasks: longTasks.stop() };
    hooks.onUpdate?.(run);
    return run;
  };

  return {
    result: execute(),
    cancel: () => {
      cancelled = true;
      if (current !== null) lumen.cancel(current);
    },
  };
}
