import { useStore } from '@/app/store';
import { runsOn } from './runsOn';

/** The promise in the header, saying what really runs the models (the engine's backend), not what might. */
export function Tagline() {
  const engine = useStore((s) => s.engine);
  return <p className="tagline">ImageNet classification {runsOn(engine)}. No image leaves this page.</p>;
}
