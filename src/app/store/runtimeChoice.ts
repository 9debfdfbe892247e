/**
 * `?runtime=tfjs|ort|litert`: the member of the chosen model's family that runs on that runtime
 * (src/shared/models/family.ts), with a line saying what was chosen, or why nothing could be.
 */
import { useStore } from './index';
import { memberOnRuntime } from '@/shared/models/family';
import { RUNTIMES, runtimeOfFormat } from '@/engine/shared/types';
import type { Catalog } from '@/shared/models/catalog';
import type { InstalledMeta } from './modelSlice';
import type { UrlState } from '@/app/urlState';

const RUNTIME_NAMES = { tfjs: 'TF.js', ort: 'ONNX Runtime', litert: 'LiteRT' } as const;

export function modelForRuntime(
  catalog: Catalog,
  installed: Record<string, InstalledMeta | null>,
  first: string | null,
  url: Pick<UrlState, 'runtime' | 'invalidRuntime'>,
): string | null {
  if (url.invalidRuntime) {
    useStore.setState({ runtimeNotice: `Unknown runtime "${url.invalidRuntime}" in the URL; use ${RUNTIMES.join(', ')}.` });
    return first;
  }
  const model = catalog.models.find((m) => m.id === first);
  if (!url.runtime || !model || runtimeOfFormat(model.format) === url.runtime) {
    useStore.setState({ runtimeNotice: null });
    return first;
  }
  const member = memberOnRuntime(catalog.models, model.id, url.runtime, (m) => Boolean(installed[m.id]));
  if (!member) {
    useStore.setState({
      runtimeNotice: `${model.name} has no member on ${RUNTIME_NAMES[url.runtime]} in the catalog; it runs on ${RUNTIME_NAMES[runtimeOfFormat(model.format)]}.`,
    });
    return first;
  }
  useStore.setState({ runtimeNotice: `runtime=${url.runtime}: ${member.name}, the same network on ${RUNTIME_NAMES[url.runtime]}.` });
  return member.id;
}
