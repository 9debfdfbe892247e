/**
 * Evaluate's saved runs: each finished run is saved as the report Export JSON writes, listed,
 * opened, deleted, and two of them picked for the diff.
 */
import { useStore } from '@/app/store/index';
import { evaluateDocument } from './evaluateExport';
import { deleteEvaluation, listEvaluations, newEvaluationId, saveEvaluation } from './evaluateHistory';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function loadEvaluateHistory(): Promise<void> {
  try {
    useStore.setState({ evaluateSaved: await listEvaluations() });
  } catch (error) {
    useStore.setState({ evaluateSavedError: messageOf(error) });
  }
}

/** Called as a run ends done: a cancelled or empty run is not kept (its figures would mislead). */
export async function saveFinishedEvaluate(): Promise<void> {
  const report = evaluateDocument();
  if (!report) return;
  const now = new Date();
  const folder = useStore.getState().evaluateFolder?.name ?? 'folder';
  try {
    await saveEvaluation({ id: newEvaluationId(now), savedAt: now.toISOString(), folder, report });
    useStore.setState({ evaluateSavedError: null });
  } catch (error) {
    useStore.setState({ evaluateSavedError: messageOf(error) });
  }
  await loadEvaluateHistory();
}

export async function deleteSavedEvaluate(id: string): Promise<void> {
  try {
    await deleteEvaluation(id);
  } catch (error) {
    useStore.setState({ evaluateSavedError: messageOf(error) });
  }
  useStore.setState((s) => ({
    evaluateOpenedId: s.evaluateOpenedId === id ? null : s.evaluateOpenedId,
    evaluateDiffPick: { a: s.evaluateDiffPick.a === id ? null : s.evaluateDiffPick.a, b: s.evaluateDiffPick.b === id ? null : s.evaluateDiffPick.b },
  }));
  await loadEvaluateHistory();
}

export const openSavedEvaluate = (id: string | null): void => useStore.setState({ evaluateOpenedId: id });

export const pickEvaluateDiff = (side: 'a' | 'b', id: string): void => useStore.setState((s) => ({ evaluateDiffPick: { ...s.evaluateDiffPick, [side]: id } }));
