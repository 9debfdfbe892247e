import { useStore } from '@/app/store';
import { selectWeights } from '@/app/store/actions';
import { offeredWeights } from '@/shared/weights/variantSpec';
import { formatBytes } from '@/shared/format';
import { isWeightsName } from '@/shared/weights/names';
import type { CatalogModel } from '@/shared/models/catalog';

/** float32 or a lighter variant the model offers, each with what it downloads and its measured top-1. */
export function WeightsChoice({ model }: { model: CatalogModel | null }) {
  const selected = useStore((s) => s.selectedWeights);
  const notice = useStore((s) => s.weightsNotice);
  const runtimeNotice = useStore((s) => s.runtimeNotice);
  const options = model ? offeredWeights(model) : [];
  const current = options.find((o) => o.weights === selected) ?? options[0];
  const full = options.find((o) => o.weights === 'float32');
  // The option already names the size; the line under it says what the choice saves.
  const saving =
    current && full && current.weights !== 'float32' && full.bytes ? ` · ${Math.round((100 * current.bytes) / full.bytes)} % of float32` : ' · full precision';
  return (
    <>
      {options.length > 1 && (
        <label>
          Weights
          <select
            data-testid="weights-select"
            value={current?.weights ?? 'float32'}
            onChange={(e) => isWeightsName(e.target.value) && void selectWeights(e.target.value)}
          >
            {options.map((o) => (
              <option key={o.weights} value={o.weights}>
                {o.weights} · {formatBytes(o.bytes)}
                {o.variant ? ` · top-1 ${(o.variant.top1 * 100).toFixed(1)} %` : ''}
              </option>
            ))}
          </select>
          <span className="weights-size" data-testid="weights-size" data-bytes={current?.bytes}>
            {formatBytes(current?.bytes)} to download{saving}
          </span>
        </label>
      )}
      {notice && (
        <p className="badge-note" data-testid="weights-notice" role="status">
          {notice}
        </p>
      )}
      {runtimeNotice && (
        <p className="badge-note" data-testid="runtime-notice" role="status">
          {runtimeNotice}
        </p>
      )}
    </>
  );
}
