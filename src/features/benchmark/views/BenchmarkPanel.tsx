import { BenchmarkForm } from './BenchmarkForm';
import { BenchmarkProgress } from './BenchmarkProgress';
import { BenchmarkResults } from './BenchmarkResults';
import { RunHistory } from './RunHistory';

/** The Benchmark view: how fast each model runs here, per backend and batch size, in the worker. */
export function BenchmarkPanel() {
  return (
    <div className="bench" data-testid="benchmark-panel">
      <p className="muted bench-intro">
        Each timed run ends when the output is back on the CPU; warm-up runs are not timed. Percentiles interpolate linearly between ranks; the worker does the
        work, so this page stays responsive.
      </p>
      <BenchmarkForm />
      <BenchmarkProgress />
      <BenchmarkResults />
      <RunHistory />
    </div>
  );
}
