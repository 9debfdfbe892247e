/** The weights choice: `?weights=`, the picker, and a model change that drops a variant it lacks. */
import { useStore } from './index';
import { offeredWeights } from '@/shared/weights/variantSpec';
import type { WeightsName } from '@/shared/weights/names';

/**
 * Settles the weights for model `id`: `wanted` when the model offers it, else float32 with a notice
 * naming what it does offer. Returns the weights in use.
 */
export function settleWeights(id: string | null, wanted: WeightsName): WeightsName {
  const { catalog, customModels } = useStore.getState();
  const model = catalog?.models.find((m) => m.id === id);
  if (wanted === 'float32') {
    useStore.setState({ selectedWeights: 'float32', weightsNotice: null });
    return 'float32';
  }
  const offered = model ? offeredWeights(model).map((o) => o.weights) : ['float32'];
  if (offered.includes(wanted)) {
    useStore.setState({ selectedWeights: wanted, weightsNotice: null });
    return wanted;
  }
  const name = model?.name ?? customModels.find((m) => m.id === id)?.name ?? id ?? 'this model';
  const others = offered.filter((w) => w !== 'float32');
  useStore.setState({
    selectedWeights: 'float32',
    weightsNotice: `${name} offers no ${wanted} weights${others.length ? ` (it offers ${others.join(', ')})` : ''}; using float32.`,
  });
  return 'float32';
}

export function unknownWeightsNotice(value: string): void {
  useStore.setState({ weightsNotice: `Unknown weights "${value}" in the URL; using float32. Use float32, float16 or uint8.` });
}
