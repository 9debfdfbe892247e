import { useStore } from '@/app/store';
import { useTaughtStore } from '@/features/teach/client/taughtStore';
import { runtimeOfFormat } from '@/engine/shared/types';

const STATUS_WORD = { idle: 'waiting for the engine', loading: 'loading', ready: 'ready', error: 'did not load' } as const;

/** The selected model's name (catalog, Your models or Taught models), or null before one is chosen. */
function useSelectedName(): string | null {
  const selected = useStore((s) => s.selectedModel);
  const catalogName = useStore((s) => s.catalog?.models.find((m) => m.id === selected)?.name);
  const customName = useStore((s) => s.customModels.find((m) => m.id === selected)?.name);
  const taughtName = useTaughtStore((s) => s.models.find((m) => m.id === selected)?.meta.name);
  return catalogName ?? customName ?? taughtName ?? null;
}

const RUNTIME_NAMES = { tfjs: 'TF.js', ort: 'ONNX Runtime', litert: 'LiteRT' } as const;

/**
 * When the measured choice runs another member of the selected model's family (the same network as
 * ONNX or TFLite) because it was clearly faster on this device: which one, and how to undo it.
 */
function RunningMember() {
  const member = useStore((s) =>
    s.runningMember && s.runningMember.of === s.selectedModel && s.selectedWeights === 'float32' && s.requestedBackend === null
      ? s.catalog?.models.find((m) => m.id === s.runningMember?.member)
      : undefined,
  );
  if (!member) return null;
  const runtime = RUNTIME_NAMES[runtimeOfFormat(member.format)];
  return (
    <span className="badge-note" data-testid="running-member" data-member={member.id} role="status">
      {' '}
      · runs as <strong>{member.name}</strong> on {runtime}: the same network, measured faster on this device (What ran says by how much; a backend chosen in
      the picker runs the model itself)
    </span>
  );
}

/** What the selected model is: architecture, preprocessing, classes, licence, and its loading progress. */
export function ModelLine() {
  const catalog = useStore((s) => s.catalog);
  const selected = useStore((s) => s.selectedModel);
  const status = useStore((s) => s.modelStatus);
  const progress = useStore((s) => s.modelProgress);
  const customModels = useStore((s) => s.customModels);
  const cacheProblem = useStore((s) => (s.modelStatus === 'ready' ? (s.modelInfo?.cacheProblem ?? null) : null));
  const taught = useTaughtStore((s) => s.models.find((m) => m.id === selected));
  const model = catalog?.models.find((m) => m.id === selected);
  const custom = customModels.find((m) => m.id === selected);
  const loading = status === 'loading' && <span className="loading"> · loading {Math.round(progress * 100)}%</span>;

  return (
    <p className="model-line" data-testid="model-status" data-status={status}>
      {model && (
        <>
          <strong>{model.architecture}</strong> · {model.preprocessing} preprocessing · {model.classes} classes · {model.license}
          {loading}
        </>
      )}
      {custom && (
        <>
          <strong>your model</strong> · {custom.settings.preprocessing} preprocessing · {custom.settings.classes} classes
          {loading}
        </>
      )}
      {taught && (
        <>
          <strong>taught model</strong> · {taught.meta.method === 'knn' ? 'kNN' : 'dense'} head on {taught.meta.base.name} · {taught.meta.labels.length} classes
          {loading}
        </>
      )}
      <RunningMember />
      {cacheProblem && (
        <span className="badge-note" data-testid="cache-problem" role="status">
          {' '}
          · {cacheProblem}
        </span>
      )}
    </p>
  );
}

/**
 * The same model in one line, for views that do not run it themselves (Compare, Benchmark, Teach):
 * which model Classify and Live use, whether it is ready, and on which backend.
 */
export function ModelSummary() {
  const name = useSelectedName();
  const status = useStore((s) => s.modelStatus);
  const progress = useStore((s) => s.modelProgress);
  const backend = useStore((s) => s.engine?.backend ?? null);
  return (
    <span className="model-summary" data-testid="model-status" data-status={status}>
      Model for Classify and Live: <strong>{name ?? '…'}</strong>
      <span className={status === 'loading' ? 'loading' : status === 'error' ? 'error' : undefined}>
        {' '}
        · {status === 'loading' ? `loading ${Math.round(progress * 100)}%` : STATUS_WORD[status]}
      </span>
      {backend && ` · on ${backend}`}
      <span className="model-summary-change">change</span>
    </span>
  );
}
