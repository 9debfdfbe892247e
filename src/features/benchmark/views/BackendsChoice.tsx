import { BACKENDS, type BackendName } from '@/engine/shared/types';
import { ListCheck } from './ListCheck';

/**
 * The TF.js backends a plan runs over, one check each; Benchmark and Evaluate both offer it, each
 * with its own setter and test-id prefix (`bench-backend-webgl`, `evaluate-backend-webgl`).
 */
export function BackendsChoice({
  running,
  backends,
  set,
  testIdPrefix,
  offered = BACKENDS,
  className,
}: {
  running: boolean;
  backends: readonly BackendName[];
  set(next: BackendName[]): void;
  testIdPrefix: string;
  offered?: readonly BackendName[];
  className?: string;
}) {
  return (
    <fieldset disabled={running} className={className}>
      <legend>Backends</legend>
      {offered.map((b) => (
        <ListCheck key={b} list={backends} item={b} testId={`${testIdPrefix}-backend-${b}`} set={set}>
          {b}
        </ListCheck>
      ))}
    </fieldset>
  );
}
