/**
 * Where the page remembers small things (localStorage), and which device it remembers them for.
 * A leaf: the measured backend choice and the classify batch size both key their figures by this
 * device, and neither has to import the other to get it.
 */
import type { EngineInfo } from '@/engine/shared/types';

/** The part of Storage used here (tests pass a Map-backed one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage, or null where storage is disabled (then nothing is remembered: measure each visit). */
export function localStore(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The device as far as remembered speeds go: GPU adapter or renderer, core count, browser. */
export function deviceKey(engine: Pick<EngineInfo, 'adapter' | 'webglRenderer'>, cores: number | undefined, userAgent: string): string {
  const gpu = engine.adapter ? `${engine.adapter.vendor}/${engine.adapter.architecture}` : (engine.webglRenderer ?? 'no-gpu');
  const browser = /(Chrome|Firefox|Safari)\/(\d+)/.exec(userAgent)?.slice(1).join('/') ?? 'browser';
  return `${gpu}|${cores ?? '?'} cores|${browser}`;
}

/** This page's device. */
export const deviceOf = (engine: Pick<EngineInfo, 'adapter' | 'webglRenderer'>): string =>
  deviceKey(engine, navigator.hardwareConcurrency, navigator.userAgent);
