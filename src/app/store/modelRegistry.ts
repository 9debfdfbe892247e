/**
 * One registry for every model the page can run: catalog models (with their chosen weights), the
 * person's own (Your model) and taught ones (IndexedDB). Everything that needs a worker-ready spec
 * asks here, so no feature has to know where the others keep their models.
 */
import { useStore } from './index';
import { catalogSpecFor } from './catalogActions';
import { isTaughtId, taughtSpecFor } from '@/features/teach/client/taughtStore';
import type { ModelSpec } from '@/engine/shared/types';
import type { WeightsName } from '@/shared/weights/names';

/** A catalog model, one of the user's own or a taught one, as a worker-ready spec. */
export function specFor(id: string | null, weights: WeightsName = 'float32'): ModelSpec | null {
  const custom = useStore.getState().customModels.find((m) => m.id === id);
  if (custom) return custom.spec;
  return catalogSpecFor(id, weights) ?? taughtSpecFor(id);
}

/**
 * The spec that runs for the selection: the model itself, or the member of its family the measured
 * choice found faster on this device, while nothing forces otherwise (other weights, a forced backend).
 */
export function selectedSpec(): ModelSpec | null {
  const { selectedModel, selectedWeights, runningMember, requestedBackend } = useStore.getState();
  const member =
    runningMember && runningMember.of === selectedModel && selectedWeights === 'float32' && requestedBackend === null ? specFor(runningMember.member) : null;
  return member ?? specFor(selectedModel, selectedWeights);
}

/** The spec of the selection itself, never a family member standing in for it. */
export function selectionSpec(): ModelSpec | null {
  const { selectedModel, selectedWeights } = useStore.getState();
  return specFor(selectedModel, selectedWeights);
}

/** Installed here (or cached), or added by the user. */
export function isAvailable(id: string): boolean {
  const { installed, customModels } = useStore.getState();
  return Boolean(installed[id]) || customModels.some((m) => m.id === id) || isTaughtId(id);
}

/** Bytes of the model's files: lumen-model.json's total, else the catalog's sizes; user models know their own. */
export function diskBytesOf(id: string): number | null {
  const { catalog, installed, customModels } = useStore.getState();
  const custom = customModels.find((m) => m.id === id);
  if (custom) return custom.diskBytes;
  const model = catalog?.models.find((m) => m.id === id);
  return installed[id]?.totalBytes ?? (model ? model.files.reduce((sum, f) => sum + f.size, 0) : null);
}
