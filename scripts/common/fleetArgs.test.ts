import { describe, expect, it } from 'vitest';
import { parseEndpoints, resolveServeHost, shardRoundRobin } from './fleetArgs';
import { deviceFromProbe } from './deviceInfo';
import { parseEvalArgs } from '../eval/evalArgs';
import { parseBenchCli } from '../bench/benchArgs';

describe('--connect and --serve-host', () => {
  it('reads a comma list of ws:// and wss:// endpoints, each once', () => {
    expect(parseEndpoints('ws://a:1/x, wss://b/y')).toEqual(['ws://a:1/x', 'wss://b/y']);
    expect(() => parseEndpoints('http://a/x')).toThrow(/not a ws:\/\/ or wss:\/\/ endpoint/);
    expect(() => parseEndpoints(' , ')).toThrow(/needs one or more/);
    expect(() => parseEndpoints('ws://a/x,ws://a/x')).toThrow(/listed twice/);
  });

  it('serves on localhost when every endpoint is local, and asks for --serve-host otherwise', () => {
    expect(resolveServeHost(['ws://127.0.0.1:1/a', 'ws://localhost:2/b', 'ws://[::1]:3/c'], null)).toBe('localhost');
    expect(() => resolveServeHost(['ws://127.0.0.1:1/a', 'ws://grid.example:4444/b'], null)).toThrow(/ws:\/\/grid.example:4444\/b .*--serve-host HOST/);
    expect(resolveServeHost(['ws://grid.example:4444/b'], 'builder.lan')).toBe('builder.lan');
  });

  it('eval and bench take both flags; --serve-host alone, or --connect with --agree, is refused', () => {
    expect(parseEvalArgs(['--data', 'd', '--model', 'm', '--connect', 'ws://a/1,ws://b/2', '--serve-host', 'h'])).toMatchObject({
      connect: ['ws://a/1', 'ws://b/2'],
      serveHost: 'h',
    });
    expect(parseEvalArgs(['--model', 'm']).connect).toBeNull();
    expect(() => parseEvalArgs(['--model', 'm', '--serve-host', 'h'])).toThrow(/--serve-host goes with --connect/);
    expect(() => parseEvalArgs(['--model', 'm', '--agree', 'wasm,cpu', '--connect', 'ws://a/1'])).toThrow(/without --agree and --family/);
    expect(parseBenchCli(['--connect', 'ws://a/1', '--image', 'random'])).toMatchObject({ connect: ['ws://a/1'], serveHost: null });
    expect(() => parseBenchCli(['--serve-host', 'h', '--image', 'random'])).toThrow(/--serve-host goes with --connect/);
  });
});

describe('shardRoundRobin', () => {
  it('deals every item to exactly one shard, deterministically, classes mixed', () => {
    expect(shardRoundRobin([0, 1, 2, 3, 4], 2)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
    expect(shardRoundRobin([0], 3)).toEqual([[0], [], []]);
  });
});

describe('deviceFromProbe', () => {
  const probe = { userAgent: 'UA', cores: 8, webglRenderer: null, crossOriginIsolated: false, secureContext: true, wasm: true };
  it('lists the backends that start and, per runtime, the ones it is asked for', () => {
    const adapter = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true };
    expect(deviceFromProbe({ ...probe, adapter })).toMatchObject({
      backends: ['webgpu', 'wasm', 'cpu'],
      runtimes: { tfjs: ['webgpu', 'wasm', 'cpu'], ort: ['webgpu', 'wasm'], litert: ['webgpu', 'wasm'] },
    });
    expect(deviceFromProbe({ ...probe, adapter: null, webglRenderer: 'ANGLE' }).runtimes).toEqual({
      tfjs: ['webgl', 'wasm', 'cpu'],
      ort: ['wasm'],
      litert: ['wasm'],
    });
  });
});
