import { describe, expect, it } from 'vitest';
import { describeUserAgent, deviceLabel, deviceRows, deviceSeries, mergeImports } from './deviceTable';
import type { ImportedDevice, ImportedEntry, ParsedReport } from './reportImport';

const entry = (model: string, top1: number | null, latencyMs: number | null): ImportedEntry => ({
  entry: `${model}:float32@tfjs/wasm`,
  model,
  n: 20,
  top1,
  top5: 1,
  ece: 0.1,
  latencyMs,
});
const device = (source: string, endpoint: string | null, entries: ImportedEntry[]): ImportedDevice => ({
  key: endpoint ? `${source} › ${endpoint}` : source,
  source,
  endpoint,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0.0.0 Mobile Safari/537.36',
  cores: 8,
  adapter: null,
  entries,
});
const ok = (source: string, devices: ImportedDevice[]): ParsedReport => ({ ok: true, source, devices });

describe('describeUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36', 'Headless Chrome 131 on Linux'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome 131 on Android'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1', 'Safari 17 on iOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge 131 on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox 128 on macOS'],
    ['curl/8', null],
  ])('%s → %s', (ua, expected) => expect(describeUserAgent(ua)).toBe(expected));
});

describe('deviceLabel', () => {
  it('names the browser, cores, adapter and endpoint it has', () => {
    expect(deviceLabel({ ...device('f.json', 'ws://a', []), adapter: 'apple metal-3' })).toBe('Chrome 131 on Android · 8 cores · apple metal-3 · ws://a');
    expect(deviceLabel({ ...device('f.json', null, []), userAgent: null, cores: null })).toBe('unknown browser');
  });
});

describe('mergeImports', () => {
  const phone = device('phone.json', null, [entry('a', 0.9, 10)]);
  it('adds devices in file order, with every refused file’s message', () => {
    const merged = mergeImports([], [ok('phone.json', [phone]), { ok: false, source: 'bad.json', message: 'bad.json: not JSON' }]);
    expect(merged.devices.map((d) => d.key)).toEqual(['phone.json']);
    expect(merged.errors).toEqual(['bad.json: not JSON']);
  });

  it('replaces an earlier import of the same file instead of doubling it', () => {
    const again = device('phone.json', null, [entry('a', 0.5, 10)]);
    const laptop = device('laptop.json', null, [entry('a', 0.8, 4)]);
    const merged = mergeImports([phone, laptop], [ok('phone.json', [again])]);
    expect(merged.devices.map((d) => [d.key, d.entries[0]?.top1])).toEqual([
      ['laptop.json', 0.8],
      ['phone.json', 0.5],
    ]);
  });
});

describe('deviceRows and deviceSeries', () => {
  const devices = [
    device('phone.json', null, [entry('a', 0.9, 10), entry('b', 0.7, 3)]),
    device('fleet.json', 'ws://x', [entry('a', 0.85, null), entry('b', null, 2)]),
  ];
  it('lists device × entry rows', () => {
    expect(deviceRows(devices).map((r) => `${r.device} ${r.entry} ${r.top1}`)).toEqual([
      'phone.json a:float32@tfjs/wasm 0.9',
      'phone.json b:float32@tfjs/wasm 0.7',
      'fleet.json › ws://x a:float32@tfjs/wasm 0.85',
      'fleet.json › ws://x b:float32@tfjs/wasm null',
    ]);
  });

  it('gives one series per device, of the entries it can place', () => {
    const series = deviceSeries(devices);
    expect(series.map((s) => [s.device, s.points.map((p) => `${p.label} ${p.accuracy} ${p.latencyMs}`)])).toEqual([
      ['phone.json', ['a 0.9 10', 'b 0.7 3']],
      ['fleet.json › ws://x', []],
    ]);
  });
});
