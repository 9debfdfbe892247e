import { useStore } from '@/app/store';
import { memberOfOn } from '@/features/benchmark/client/benchmarkActions';
import { modelsOnRuntimes } from '@/features/benchmark/shared/benchPlan';
import { RUNTIMES, type RuntimeName } from '@/engine/shared/types';
import { ListCheck } from './ListCheck';

const RUNTIME_NAMES: Record<RuntimeName, string> = { tfjs: 'TF.js', ort: 'ONNX Runtime Web', litert: 'LiteRT.js' };

/**
 * Runtimes × backends: each ticked model runs as the member of its family on each ticked runtime
 * (the same network as ONNX or TFLite); none ticked, each model on its own. Says which ticked
 * models have no member installed on a runtime. Benchmark and Evaluate both offer it: each passes
 * its own setter and test-id prefix (`bench-runtime-ort`, `evaluate-runtime-ort`).
 */
export function RuntimesChoice({
  running,
  models,
  runtimes,
  set,
  testIdPrefix,
  className,
}: {
  running: boolean;
  models: readonly string[];
  runtimes: readonly RuntimeName[];
  set(next: RuntimeName[]): void;
  testIdPrefix: string;
  className?: string;
}) {
  const catalog = useStore((s) => s.catalog);
  const installed = useStore((s) => s.installed);
  const { missing } = modelsOnRuntimes(models, runtimes, (key, runtime) => memberOfOn({ catalog, installed }, key, runtime));
  return (
    <fieldset disabled={running} className={className}>
      <legend>Runtimes</legend>
      {RUNTIMES.map((r) => (
        <ListCheck key={r} list={runtimes} item={r} testId={`${testIdPrefix}-runtime-${r}`} set={set}>
          {RUNTIME_NAMES[r]}
        </ListCheck>
      ))}
      <p className="muted" data-testid={`${testIdPrefix}-runtime-note`}>
        {runtimes.length === 0
          ? 'None ticked: each model runs on its own runtime.'
          : `Each ticked model runs as the member of its family on each ticked runtime.${missing.length > 0 ? ` No member installed for: ${missing.join(', ')}.` : ''}`}
      </p>
    </fieldset>
  );
}
