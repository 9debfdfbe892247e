/**
 * Evaluate reports read back from files, for the cross-device table: a single-device report (the
 * view's Export JSON, `npm run eval -- --data … --json`: `device` and `entries[]`) is one device; a
 * fleet report (`eval --connect …`: `devices[]`, each `{endpoint, device, entries[]}`) is one device
 * per browser. A fleet report's top-level entries are the shards pooled, no one device's figures,
 * so they are not listed as a device. Only the figures the table and chart show are read.
 */
import { countAt, fractionAt, isRecord, listAt, millisecondsAt, optionalCountAt, optionalTextAt, recordAt, ReportShapeError, textAt } from './reportShape';

export interface ImportedEntry {
  /** model:weights@runtime/backend. */
  entry: string;
  model: string;
  n: number;
  top1: number | null;
  top5: number | null;
  ece: number | null;
  latencyMs: number | null;
}

export interface ImportedDevice {
  /** Unique over everything imported: the file's name, and for a fleet device its endpoint after it. */
  key: string;
  /** The file it came from. */
  source: string;
  /** The fleet endpoint it ran at; null for a single-device report. */
  endpoint: string | null;
  userAgent: string | null;
  cores: number | null;
  /** The WebGPU adapter in a few words; null when the report names none. */
  adapter: string | null;
  entries: ImportedEntry[];
}

export type ParsedReport = { ok: true; source: string; devices: ImportedDevice[] } | { ok: false; source: string; message: string };

function readEntry(value: unknown, path: string): ImportedEntry {
  const e = recordAt(value, path);
  const entry = textAt(e['entry'], `${path}.entry`);
  const latency = recordAt(e['latency'], `${path}.latency`);
  return {
    entry,
    model: optionalTextAt(e['model'], `${path}.model`) ?? entry.split(':')[0] ?? entry,
    n: countAt(e['n'], `${path}.n`),
    top1: fractionAt(e['top1'], `${path}.top1`),
    top5: fractionAt(e['top5'], `${path}.top5`),
    ece: fractionAt(e['ece'] ?? null, `${path}.ece`),
    latencyMs: millisecondsAt(latency['perImageMs'], `${path}.latency.perImageMs`),
  };
}

const readEntries = (value: unknown, path: string): ImportedEntry[] => listAt(value, path).map((e, i) => readEntry(e, `${path}[${i}]`));

/** A fleet device's WebGPU adapter (scripts/common/deviceInfo's DeviceAdapter) in a few words. */
function adapterOf(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  const adapter = recordAt(value, path);
  const words = ['vendor', 'architecture'].map((k) => optionalTextAt(adapter[k], `${path}.${k}`)).filter((w): w is string => w !== null);
  const named = words.length > 0 ? words.join(' ') : optionalTextAt(adapter['description'], `${path}.description`);
  const fallback = adapter['isFallbackAdapter'] === true ? ' (fallback)' : '';
  return named ? `${named}${fallback}` : fallback ? 'fallback adapter' : null;
}

function readDevice(source: string, endpoint: string | null, deviceValue: unknown, entries: ImportedEntry[], path: string): ImportedDevice {
  const device = recordAt(deviceValue, path);
  return {
    key: endpoint === null ? source : `${source} › ${endpoint}`,
    source,
    endpoint,
    userAgent: optionalTextAt(device['userAgent'], `${path}.userAgent`),
    cores: optionalCountAt(device['cores'], `${path}.cores`),
    adapter: adapterOf(device['adapter'], `${path}.adapter`),
    entries,
  };
}

function readDevices(source: string, report: Record<string, unknown>): ImportedDevice[] {
  if (report['devices'] === undefined) {
    if (report['entries'] === undefined) throw new ReportShapeError('not an Evaluate report: it has neither entries[] nor devices[]');
    return [readDevice(source, null, report['device'], readEntries(report['entries'], 'entries'), 'device')];
  }
  const devices = listAt(report['devices'], 'devices').map((value, i) => {
    const d = recordAt(value, `devices[${i}]`);
    const endpoint = textAt(d['endpoint'], `devices[${i}].endpoint`);
    return readDevice(source, endpoint, d['device'], readEntries(d['entries'], `devices[${i}].entries`), `devices[${i}].device`);
  });
  if (devices.length === 0) throw new ReportShapeError('a fleet report with no device in devices[]');
  return devices;
}

/** One file's report, or why it cannot be read (always naming the file). */
export function parseReport(source: string, text: string): ParsedReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, source, message: `${source}: not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    if (!isRecord(json)) throw new ReportShapeError('not an Evaluate report: expected an object with entries[] or devices[]');
    const devices = readDevices(source, json);
    if (devices.every((d) => d.entries.length === 0)) throw new ReportShapeError('the report has no entries');
    return { ok: true, source, devices };
  } catch (error) {
    if (!(error instanceof ReportShapeError)) throw error;
    return { ok: false, source, message: `${source}: ${error.message}` };
  }
}
