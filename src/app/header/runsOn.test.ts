import { describe, expect, it } from 'vitest';
import type { EngineInfo } from '@/engine/shared/types';
import { runsOn } from './runsOn';

const engineOn = (backend: EngineInfo['backend'], gpu: Partial<Pick<EngineInfo, 'adapter' | 'webglRenderer'>> = {}): EngineInfo => ({
  backend,
  forced: false,
  reason: 'test',
  attempts: [],
  adapter: null,
  webglRenderer: null,
  tfjsVersion: '4.22.0',
  flags: {},
  ...gpu,
});
const adapter = (isFallbackAdapter: boolean): EngineInfo['adapter'] => ({ vendor: 'v', architecture: 'a', description: 'd', isFallbackAdapter, limits: {} });

describe('what the header says runs the models', () => {
  it('is neutral before the engine is up', () => {
    expect(runsOn(null)).toBe('in your browser');
  });

  it('names the CPU for wasm and cpu, the GPU for webgl and webgpu', () => {
    expect(runsOn(engineOn('wasm'))).toBe('on your CPU');
    expect(runsOn(engineOn('cpu'))).toBe('on your CPU');
    expect(runsOn(engineOn('webgl', { webglRenderer: 'ANGLE (NVIDIA GeForce RTX 3060)' }))).toBe('on your GPU');
    expect(runsOn(engineOn('webgpu', { adapter: adapter(false) }))).toBe('on your GPU');
  });

  it('says the CPU when the GPU is a software one (SwiftShader, a fallback adapter)', () => {
    expect(runsOn(engineOn('webgl', { webglRenderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' }))).toBe('on your CPU (emulated GPU)');
    expect(runsOn(engineOn('webgpu', { adapter: adapter(true) }))).toBe('on your CPU (emulated GPU)');
  });
});
