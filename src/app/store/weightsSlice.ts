import type { StateCreator } from 'zustand';
import type { WeightsName } from '@/shared/weights/names';

/** Which stored weights the selected model loads (float32, or a lighter variant it offers). */
export interface WeightsSlice {
  selectedWeights: WeightsName;
  /** Why the weights asked for (URL or picker) are not the ones in use; null when they are. */
  weightsNotice: string | null;
}

export const createWeightsSlice: StateCreator<WeightsSlice, [], [], WeightsSlice> = () => ({
  selectedWeights: 'float32',
  weightsNotice: null,
});
