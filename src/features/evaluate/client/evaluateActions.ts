/**
 * Evaluate's run: each entry (model choice) loads, then runs its passes over the folder's mapped
 * images (clean, then each corruption × severity), scored by the shared evaluateReport. Progress is
 * counted per image over every entry and pass; Cancel stops the requests in the worker.
 */
import { useStore } from '@/app/store/index';
import { getEngine } from '@/engine/client';
import { runtimeOfFormat } from '@/engine/shared/types';
import { classifyBatchFor } from '@/features/classify/client/classifyBatch';
import { corruptionRow, evaluateReport, type CorruptionRow } from '@/features/evaluate/shared/evaluateReport';
import { entryDocument, type EntryDocument, type EntryIdentity } from '@/features/evaluate/shared/evaluateJson';
import { type EvaluatePass, type ImagePlan, planImages, plannedPasses } from '@/features/evaluate/shared/evaluatePlan';
import { isCancelled } from '@/shared/errors';
import { parseChoice } from '@/shared/weights/choice';
import { alreadyScored, backendSwitcher } from './evaluateBackend';
import { type EntryPlan, entryPlan } from './evaluateEntries';
import { saveFinishedEvaluate } from './evaluateHistoryActions';
import type { EvaluateFolder, EvaluateRun } from './evaluateSlice';
import { modelClasses } from './modelClassesClient';
import { type PassImage, runPass } from './evaluateRunner';

/** How often the progress line is redrawn: every image would re-render hundreds of times a second. */
const PROGRESS_MS = 100;

const inFlight = new Set<number>();
let cancelRequested = false;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function patchRun(startedAt: number, patch: (run: EvaluateRun) => Partial<EvaluateRun>): void {
  useStore.setState((s) => (s.evaluateRun?.startedAt === startedAt ? { evaluateRun: { ...s.evaluateRun, ...patch(s.evaluateRun) } } : {}));
}

interface PlannedEntry extends EntryPlan {
  names: string[];
  plan: ImagePlan;
  images: PassImage[];
}

async function planEntry(folder: EvaluateFolder, entry: EntryPlan): Promise<PlannedEntry> {
  const classes = await modelClasses(entry.spec);
  const plan = planImages(folder.images, classes.names, classes.synsets);
  const images = plan.scored.flatMap(({ path, truth }) => {
    const file = folder.files.get(path);
    return file ? [{ path, truth, file }] : [];
  });
  return { ...entry, names: classes.names, plan, images };
}

/** What ran: the loaded model's runtime, and that runtime's backend (the engine's, for TF.js). */
async function identify(entry: PlannedEntry): Promise<EntryIdentity> {
  const info = await getEngine().load({ model: entry.spec });
  return {
    model: entry.spec.id,
    weights: parseChoice(entry.choice).weights,
    runtime: info.runtime ?? runtimeOfFormat(entry.spec.format),
    backend: info.runtimeBackend ?? info.backend,
  };
}

const passLabel = (pass: EvaluatePass): string => (pass.kind === 'clean' ? 'clean' : `${pass.corruption.kind} ${pass.corruption.severity}`);

/** Runs one entry's passes; null when cancelled part-way (a half-scored entry would mislead). */
async function evaluateEntry(entry: PlannedEntry, passes: readonly EvaluatePass[], startedAt: number, onImage: () => void): Promise<EntryDocument | null> {
  const identity = await identify(entry);
  const duplicate = alreadyScored(identity, entry.backend);
  if (duplicate) throw new Error(duplicate);
  const batchSize = classifyBatchFor(entry.spec.id).size;
  const hooks = { onImage, track: (id: number) => inFlight.add(id), untrack: (id: number) => inFlight.delete(id), isCancelled: () => cancelRequested };
  let clean: { report: ReturnType<typeof evaluateReport>; totalMs: number } | null = null;
  const rows: CorruptionRow[] = [];
  for (const pass of passes) {
    patchRun(startedAt, () => ({ phase: `${entry.spec.name}: ${passLabel(pass)}` }));
    const result = await runPass(entry.spec, entry.images, pass.kind === 'clean' ? undefined : pass.corruption, batchSize, hooks);
    if (result.cancelled) return null;
    const report = evaluateReport(result.outcomes, entry.plan.unmapped);
    if (pass.kind === 'clean') clean = { report, totalMs: result.totalMs };
    else rows.push(corruptionRow(pass.corruption.kind, pass.corruption.severity, report));
  }
  if (!clean) return null;
  const images = entry.images.length;
  const latency = { perImageMs: images > 0 ? clean.totalMs / images : null, totalMs: clean.totalMs, images };
  return entryDocument(identity, clean.report, rows, latency, entry.names);
}

export async function startEvaluate(): Promise<void> {
  const state = useStore.getState();
  const folder = state.evaluateFolder;
  if (!folder || state.evaluateRun?.status === 'running') return;
  const startedAt = performance.now();
  cancelRequested = false;
  const passes = plannedPasses(state.evaluateChoice.kinds, state.evaluateChoice.severities);
  const run: EvaluateRun = { status: 'running', done: 0, total: 0, phase: 'reading the models’ labels', entries: [], failures: [], error: null, startedAt };
  useStore.setState({ evaluateRun: run });
  const planned: PlannedEntry[] = [];
  for (const entry of entryPlan()) {
    try {
      planned.push(await planEntry(folder, entry));
    } catch (error) {
      patchRun(startedAt, (r) => ({ failures: [...r.failures, { id: entry.label, message: messageOf(error) }] }));
    }
  }
  const total = planned.reduce((sum, entry) => sum + entry.images.length * passes.length, 0);
  let done = 0;
  let drawnAt = 0;
  const onImage = (): void => {
    done++;
    const now = performance.now();
    if (now - drawnAt < PROGRESS_MS && done < total) return;
    drawnAt = now;
    patchRun(startedAt, () => ({ done }));
  };
  patchRun(startedAt, () => ({ total }));
  const backends = backendSwitcher();
  for (const entry of planned) {
    if (cancelRequested) break;
    try {
      const unavailable = await backends.use(entry.backend);
      if (unavailable) throw new Error(unavailable);
      const document = await evaluateEntry(entry, passes, startedAt, onImage);
      if (document) patchRun(startedAt, (r) => ({ entries: [...r.entries, document] }));
    } catch (error) {
      if (isCancelled(error)) break;
      patchRun(startedAt, (r) => ({ failures: [...r.failures, { id: entry.label, message: messageOf(error) }] }));
    }
  }
  patchRun(startedAt, () => ({ phase: 'putting the page’s backend back' }));
  await backends.restore();
  const status = cancelRequested ? 'cancelled' : planned.length === 0 ? 'error' : 'done';
  patchRun(startedAt, (r) => ({ status, done, phase: '', error: status === 'error' ? (r.failures[0]?.message ?? 'No model to evaluate.') : null }));
  if (status === 'done') await saveFinishedEvaluate();
}

export function cancelEvaluate(): void {
  if (useStore.getState().evaluateRun?.status !== 'running') return;
  cancelRequested = true;
  for (const id of inFlight) getEngine().cancel(id);
}
