import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { bootstrap } from './store/actions';
import { showView, useStore } from './store';
import { BackendBadge } from './header/BackendBadge';
import { RuntimeBadge } from './header/RuntimeBadge';
import { ClassifyView } from '@/features/classify/views/ClassifyView';
import { ModelBar, type ModelBarMode } from './picker/ModelBar';
import { panelId, tabId, ViewTabs } from './ViewTabs';
import { Notices } from './notices/Notices';
import { TfMemory } from './header/TfMemory';
import { Isolation } from './header/Isolation';
import { Tagline } from './header/Tagline';

/**
 * Secondary views are fetched when first opened, so a visitor's first download is the Classify
 * path only (Benchmark alone brings recharts). Each is a named export, re-exposed as lazy's default.
 */
const InspectView = lazy(() => import('@/features/inspect/views/InspectView').then((m) => ({ default: m.InspectView })));
const CompareView = lazy(() => import('@/features/compare/views/CompareView').then((m) => ({ default: m.CompareView })));
const CustomModelView = lazy(() => import('@/features/custom/views/CustomModelView').then((m) => ({ default: m.CustomModelView })));
const TeachView = lazy(() => import('@/features/teach/views/TeachView').then((m) => ({ default: m.TeachView })));
const BenchmarkPanel = lazy(() => import('@/features/benchmark/views/BenchmarkPanel').then((m) => ({ default: m.BenchmarkPanel })));
const LiveView = lazy(() => import('@/features/live/views/LiveView').then((m) => ({ default: m.LiveView })));
const EvaluateView = lazy(() => import('@/features/evaluate/views/EvaluateView').then((m) => ({ default: m.EvaluateView })));

/**
 * The page's views; each is one component. Add a view by adding an entry; `bar` is how much of the
 * model bar it needs (see ModelBar): only Classify and Live compute with the page's model.
 */
const VIEWS: { id: string; label: string; bar: ModelBarMode; Component: ComponentType }[] = [
  { id: 'classify', label: 'Classify', bar: 'run', Component: ClassifyView },
  { id: 'live', label: 'Live', bar: 'run', Component: LiveView },
  { id: 'inspect', label: 'Inspect', bar: 'describe', Component: InspectView },
  { id: 'compare', label: 'Compare', bar: 'folded', Component: CompareView },
  { id: 'custom', label: 'Your model', bar: 'pick', Component: CustomModelView },
  { id: 'benchmark', label: 'Benchmark', bar: 'folded', Component: BenchmarkPanel },
  { id: 'teach', label: 'Teach', bar: 'folded', Component: TeachView },
  { id: 'evaluate', label: 'Evaluate', bar: 'folded', Component: EvaluateView },
];

export function App() {
  const view = useStore((s) => s.view);
  useEffect(() => {
    void bootstrap();
  }, []);
  // An unknown ?view= falls back to Classify, which then is the selected tab (the tablist's one tab stop).
  const active = VIEWS.find((v) => v.id === view) ?? { id: 'classify', bar: 'run' as const, Component: ClassifyView };
  const Active = active.Component;
  return (
    <div className="app">
      <header>
        <h1>Lumen</h1>
        <Tagline />
        <BackendBadge />
        <RuntimeBadge />
        <TfMemory />
        <Isolation />
      </header>
      <ViewTabs views={VIEWS} active={active.id} onSelect={showView} />
      <main>
        <ModelBar mode={active.bar} />
        <Notices />
        <div role="tabpanel" id={panelId(active.id)} aria-labelledby={tabId(active.id)}>
          <Suspense
            fallback={
              <p className="view-loading" data-testid="view-loading" aria-busy="true">
                Loading the view…
              </p>
            }
          >
            <Active />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
