import { useEffect, useState, type ComponentType } from 'react';
import { bootstrap } from '../../store/actions';
import { BackendBadge } from '../BackendBadge/BackendBadge';
import { BenchmarkPanel } from '../BenchmarkPanel/BenchmarkPanel';
import { ClassifyView } from '../ClassifyView/ClassifyView';
import { CompareView } from '../CompareView/CompareView';
import { CustomModelView } from '../CustomModelView/CustomModelView';
import { InspectView } from '../InspectView/InspectView';
import { EnginePanel } from '../EnginePanel/EnginePanel';
import { ModelPicker } from '../ModelPicker/ModelPicker';
import { Notices } from '../engine/Notices';
import { TfMemory } from '../engine/TfMemory';

/** The page's views; each is one component. Add a view by adding an entry. */
const VIEWS: { id: string; label: string; Component: ComponentType }[] = [
  { id: 'classify', label: 'Classify', Component: ClassifyView },
  { id: 'inspect', label: 'Inspect', Component: InspectView },
  { id: 'compare', label: 'Compare', Component: CompareView },
  { id: 'custom', label: 'Your model', Component: CustomModelView },
  { id: 'benchmark', label: 'Benchmark', Component: BenchmarkPanel },
];

export function App() {
  const [view, setView] = useState(() => new URLSearchParams(window.location.search).get('view') ?? 'classify');
  useEffect(() => {
    void bootstrap();
  }, []);
  const Active = (VIEWS.find((v) => v.id === view) ?? VIEWS[0])?.Component ?? ClassifyView;
  return (
    <div className="app">
      <header>
        <h1>Lumen</h1>
        <p className="tagline">ImageNet classification on your own GPU. No image leaves this page.</p>
        <BackendBadge />
        <TfMemory />
      </header>
      <nav className="tabs" role="tablist">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" role="tab" aria-selected={v.id === view} data-testid={`tab-${v.id}`} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </nav>
      <main>
        <ModelPicker />
        <EnginePanel />
        <Notices />
        <Active />
      </main>
    </div>
  );
}
