import type { StateCreator } from 'zustand';
import type { BackendName, EngineInfo } from '@/engine/shared/types';

export interface EngineSlice {
  engine: EngineInfo | null;
  engineStatus: 'idle' | 'starting' | 'ready' | 'error';
  engineError: string | null;
  /** null = automatic choice. */
  requestedBackend: BackendName | null;
}

export const createEngineSlice: StateCreator<EngineSlice, [], [], EngineSlice> = () => ({
  engine: null,
  engineStatus: 'idle',
  engineError: null,
  requestedBackend: null,
});
