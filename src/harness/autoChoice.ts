/**
 * `npm run bench -- --auto`: the app's measured automatic choice, made headless exactly as the page
 * makes it after a first result (the worker's timing of every backend and family member, then
 * app/backendChoice/decide.ts), so the bench can run the chosen (runtime, backend, threads, batch)
 * beside the rows it swept and report how close the choice came to the best of them.
 */
import { decideBackend, type BackendDecision } from '@/app/backendChoice/decide';
import { timeOtherThreads, type OpenProbe, type ThreadsHere } from '@/app/backendChoice/threadProbe';
import { choosableMembers } from '@/shared/models/family';
import { modelFolder, type Catalog } from '@/shared/models/catalog';
import { runtimeOfFormat, type BackendName, type ModelSpec } from '@/engine/shared/types';
import type { LumenEngine } from '@/engine/client';

export interface AutoChoice {
  /** The model asked about, and the provisional backend the choice started from. */
  model: string;
  provisional: BackendName;
  /** The members weighed beside it (installed, within half a point of its top-1, one per runtime). */
  members: string[];
  decision: BackendDecision;
  /** The wasm threads the engine's worker must run the choice with (null: the default), as the page would restart it. */
  wasmThreads: number | null;
}

/** Installed here: `npm run models` wrote the folder's lumen-model.json. */
async function installed(catalogUrl: URL, id: string, catalog: Catalog): Promise<boolean> {
  const model = catalog.models.find((m) => m.id === id);
  if (!model) return false;
  const response = await fetch(new URL(`${modelFolder(model)}lumen-model.json`, catalogUrl), { method: 'HEAD' }).catch(() => null);
  return response?.ok ?? false;
}

export async function measureChoice(
  engine: LumenEngine,
  catalog: Catalog,
  catalogUrl: URL,
  specOf: (id: string) => Promise<ModelSpec>,
  id: string,
  provisional: BackendName,
  threads?: { here: ThreadsHere; open: OpenProbe },
): Promise<AutoChoice> {
  const spec = await specOf(id);
  const present = new Set<string>();
  for (const m of catalog.models) if (m.family && (await installed(catalogUrl, m.id, catalog))) present.add(m.id);
  const members = choosableMembers(catalog.models, id, (m) => present.has(m.id));
  const memberSpecs = await Promise.all(members.map((m) => specOf(m.id)));
  await engine.init({ backend: provisional });
  await engine.load({ model: spec });
  const own = await engine.timeBackends({ model: spec, ...(memberSpecs.length > 0 ? { members: memberSpecs } : {}) });
  // One thread against several, as the page weighs them (app/backendChoice/threadProbe.ts).
  const asked = threads?.here.asked ?? null;
  const probe = threads ? await timeOtherThreads(spec, memberSpecs, threads.here, threads.open) : { timings: [], threads: asked };
  const decision = decideBackend([...own, ...probe.timings], provisional, undefined, memberSpecs.length > 0 ? runtimeOfFormat(spec.format) : null);
  const fromProbe = decision.chosen !== null && probe.timings.includes(decision.chosen);
  return { model: id, provisional, members: members.map((m) => m.id), decision, wasmThreads: fromProbe ? probe.threads : asked };
}
