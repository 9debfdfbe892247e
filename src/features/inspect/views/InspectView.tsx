import { useEffect, useState } from 'react';
import { useStore } from '@/app/store';
import { inspectSelected } from '@/features/inspect/client/inspectActions';
import type { ModelReport } from '@/features/inspect/shared/messages';
import { CachePanel } from './CachePanel';
import { ModelMetadata } from './ModelMetadata';
import { ReportSummary } from './ReportSummary';
import { StructureTable } from './StructureTable';
import { WhatRan } from './WhatRan';
import '@/app/styles/zoo.css';

type InspectState = { status: 'idle' | 'loading' } | { status: 'ready'; report: ModelReport } | { status: 'error'; error: string };

/** Everything about the selected model, measured by the worker once it has loaded. */
export function InspectView() {
  const selected = useStore((s) => s.selectedModel);
  const modelStatus = useStore((s) => s.modelStatus);
  const modelKey = useStore((s) => s.modelInfo?.key);
  const backend = useStore((s) => s.modelInfo?.backend);
  const [state, setState] = useState<InspectState>({ status: 'idle' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: model, key and backend are triggers: a new model or backend means a new report
  useEffect(() => {
    if (modelStatus !== 'ready') return;
    const handle = inspectSelected();
    if (!handle) return;
    let live = true;
    setState({ status: 'loading' });
    handle.result.then(
      (report) => live && setState({ status: 'ready', report }),
      (error: unknown) => live && setState({ status: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [selected, modelStatus, modelKey, backend]);

  const report = state.status === 'ready' ? state.report : null;
  return (
    <section className="zoo-view" data-testid="inspect-view">
      <p className="muted" data-testid="inspect-report" data-status={modelStatus === 'ready' ? state.status : modelStatus}>
        {modelStatus === 'loading' && 'Loading the model…'}
        {modelStatus === 'error' && 'The model did not load (see the message above).'}
        {modelStatus === 'ready' && state.status === 'loading' && 'Inspecting…'}
        {state.status === 'error' && (
          <span className="error" role="alert">
            {state.error}
          </span>
        )}
        {report && (
          <>
            <strong>{report.name}</strong> · {report.format} model · measured in the worker on {report.backend}
          </>
        )}
      </p>
      {report && (
        <div className="zoo-grid">
          <ReportSummary report={report} />
          <StructureTable structure={report.structure} />
          <WhatRan report={report} />
        </div>
      )}
      <ModelMetadata />
      <CachePanel />
    </section>
  );
}
