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
import { panelId, tabId, ViewTabs } from '../ViewTabs/ViewTabs';
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
  // An unknown ?view= falls back to Classify, which then is the selected tab (the tablist's one tab stop).
  const active = VIEWS.find((v) => v.id === view) ?? { id: 'classify', Component: ClassifyView };
  const Active = active.Component;
  return (
    <div className="app">
      <header>
        <h1>Lumen</h1>
        <p className="tagline">ImageNet classification on your own GPU. No image leaves this page.</p>
        <BackendBadge />
        <TfMemory />
      </header>
      <ViewTabs views={VIEWS} active={active.id} onSelect={setView} />
      <main>
        <ModelPicker />
        <EnginePanel />
        <Notices />
        <div role="tabpanel" id={panelId(active.id)} aria-labelledby={tabId(active.id)}>
          <Active />
        </div>
      </main>
    </div>
  );
}
