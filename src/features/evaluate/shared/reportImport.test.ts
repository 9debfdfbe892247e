import { describe, expect, it } from 'vitest';
import { parseReport } from './reportImport';

const V2 = 'mobilenet_v2_100_224:float32@tfjs/wasm';
const entry = (overrides: Record<string, unknown> = {}) => ({
  entry: V2,
  model: 'mobilenet_v2_100_224',
  n: 20,
  top1: 0.9,
  top5: 1,
  ece: 0.05,
  latency: { perImageMs: 12.5, totalMs: 250, images: 20 },
  // Fields the table does not read (per-class rows, mistakes, anything added later) pass unread.
  perClass: [],
  mistakes: [{ file: 'x' }],
  ...overrides,
});
const single = {
  entries: [entry()],
  unmapped: 0,
  unmappedFolders: {},
  nonImages: 0,
  device: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0', cores: 8 },
};
const fleet = {
  ...single,
  devices: [
    {
      endpoint: 'ws://a:9222/x',
      device: { userAgent: 'UA-a', cores: 4, adapter: { vendor: 'nvidia', architecture: 'ampere', description: '' } },
      entries: [entry({ top1: 0.85 })],
    },
    { endpoint: 'ws://b:9222/y', device: { userAgent: 'UA-b', cores: null, adapter: null }, entries: [entry({ latency: { perImageMs: null } })] },
  ],
};

const parse = (name: string, value: unknown) => parseReport(name, JSON.stringify(value));

describe('parseReport', () => {
  it('reads a single-device report as one device keyed by its file', () => {
    const parsed = parse('phone.json', single);
    expect(parsed).toEqual({
      ok: true,
      source: 'phone.json',
      devices: [
        {
          key: 'phone.json',
          source: 'phone.json',
          endpoint: null,
          userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0',
          cores: 8,
          adapter: null,
          entries: [{ entry: V2, model: 'mobilenet_v2_100_224', n: 20, top1: 0.9, top5: 1, ece: 0.05, latencyMs: 12.5 }],
        },
      ],
    });
  });

  it('reads a fleet report as one device per browser, not its pooled entries', () => {
    const parsed = parse('fleet.json', fleet);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.devices.map((d) => [d.key, d.endpoint, d.cores, d.adapter])).toEqual([
      ['fleet.json › ws://a:9222/x', 'ws://a:9222/x', 4, 'nvidia ampere'],
      ['fleet.json › ws://b:9222/y', 'ws://b:9222/y', null, null],
    ]);
    expect(parsed.devices.map((d) => d.entries[0]?.top1)).toEqual([0.85, 0.9]);
    expect(parsed.devices[1]?.entries[0]?.latencyMs).toBeNull();
  });

  it('takes the model from the entry key when a report leaves it out, and a missing ECE as none', () => {
    const { model: _model, ece: _ece, ...bare } = entry();
    const parsed = parse('old.json', { ...single, entries: [bare] });
    expect(parsed.ok && parsed.devices[0]?.entries[0]).toMatchObject({ model: 'mobilenet_v2_100_224', ece: null });
  });

  it.each([
    ['not JSON', '{"entries": [', /^bad\.json: not JSON \(/],
    ['not an object', '[1, 2]', /^bad\.json: not an Evaluate report: expected an object/],
    [
      'a benchmark run',
      JSON.stringify({ id: 'r1', config: {}, results: [] }),
      /^bad\.json: not an Evaluate report: it has neither entries\[\] nor devices\[\]/,
    ],
    ['no device', JSON.stringify({ entries: [entry()] }), /^bad\.json: device: expected an object, got missing$/],
    [
      'a top-1 above 1',
      JSON.stringify({ ...single, entries: [entry({ top1: 9 })] }),
      /^bad\.json: entries\[0\]\.top1: expected a fraction in \[0, 1\] or null, got number$/,
    ],
    ['a text n', JSON.stringify({ ...single, entries: [entry({ n: '20' })] }), /^bad\.json: entries\[0\]\.n: expected a whole number ≥ 0, got string$/],
    ['no latency', JSON.stringify({ ...single, entries: [entry({ latency: undefined })] }), /entries\[0\]\.latency: expected an object, got missing$/],
    ['no entries', JSON.stringify({ ...single, entries: [] }), /^bad\.json: the report has no entries$/],
    ['an empty fleet', JSON.stringify({ ...single, devices: [] }), /^bad\.json: a fleet report with no device/],
    [
      'a fleet device without its endpoint',
      JSON.stringify({ ...fleet, devices: [{ device: {}, entries: [entry()] }] }),
      /^bad\.json: devices\[0\]\.endpoint: expected some text, got missing$/,
    ],
    [
      'a fleet device with a bad entry',
      JSON.stringify({ ...fleet, devices: [{ endpoint: 'ws://a', device: {}, entries: [entry({ entry: 3 })] }] }),
      /^bad\.json: devices\[0\]\.entries\[0\]\.entry: expected some text, got number$/,
    ],
  ])('refuses %s, naming the file and the field', (_what, text, message) => {
    const parsed = parseReport('bad.json', text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
