import { useCallback, useEffect, useState } from 'react';
import { useStore } from '@/app/store';
import { cacheAvailable, deleteCachedModel, listCachedModels } from '@/features/inspect/client/cacheActions';
import { formatBytes } from '@/shared/format';
import type { CacheGroup } from '@/shared/models/cacheGroups';

/** Models this browser keeps for offline use, with their size; deleting one frees the space. */
export function CachePanel() {
  const modelStatus = useStore((s) => s.modelStatus);
  const [groups, setGroups] = useState<CacheGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listCachedModels().then(
      (found) => {
        setGroups(found);
        setError(null);
      },
      (e: unknown) => setError(`Could not read the cache: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, []);

  // A finished load may have put new files in the cache.
  // biome-ignore lint/correctness/useExhaustiveDependencies: modelStatus is the trigger (a finished load may have added files), not a value the effect reads
  useEffect(refresh, [refresh, modelStatus]);

  const remove = async (group: CacheGroup): Promise<void> => {
    await deleteCachedModel(group.key).catch((e: unknown) => setError(`Could not delete: ${String(e)}`));
    refresh();
  };

  const total = groups?.reduce((sum, g) => sum + g.bytes, 0) ?? 0;
  return (
    <div className="zoo-card zoo-cache" data-testid="cache-panel" data-count={groups?.length ?? ''}>
      <h3>
        Offline cache{' '}
        {groups && (
          <span className="muted">
            · {groups.length} model(s), {formatBytes(total)}
          </span>
        )}
        <button type="button" className="zoo-small" onClick={refresh}>
          Refresh
        </button>
      </h3>
      {!cacheAvailable() && <p className="muted">Cache Storage is unavailable here (the page needs https or localhost), so models download on every visit.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {groups?.length === 0 && <p className="muted">Nothing cached yet: a model is kept here the first time it loads.</p>}
      <ul className="zoo-list">
        {groups?.map((g) => (
          <li key={g.key} className="zoo-cache-row" data-testid="cache-group" data-key={g.key} data-bytes={g.bytes}>
            <span className="mono zoo-name" title={g.urls.join('\n')}>
              {g.id ? `${g.id} · v${g.version}` : g.key}
            </span>
            <span>{g.urls.length} files</span>
            <strong>{formatBytes(g.bytes)}</strong>
            <button type="button" className="zoo-small" data-testid="cache-delete" onClick={() => void remove(g)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
