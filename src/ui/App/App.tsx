import { useEffect } from 'react';
import { bootstrap } from '../../store/actions';
import { BackendBadge } from '../BackendBadge/BackendBadge';
import { DropZone } from '../DropZone/DropZone';
import { EnginePanel } from '../EnginePanel/EnginePanel';
import { ModelPicker } from '../ModelPicker/ModelPicker';
import { ResultsList } from '../ResultsList/ResultsList';

export function App() {
  useEffect(() => {
    void bootstrap();
  }, []);
  return (
    <div className="app">
      <header>
        <h1>Lumen</h1>
        <p className="tagline">ImageNet classification on your own GPU. No image leaves this page.</p>
        <BackendBadge />
      </header>
      <main>
        <ModelPicker />
        <EnginePanel />
        <DropZone />
        <ResultsList />
      </main>
    </div>
  );
}
