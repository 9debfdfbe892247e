/**
 * Imported reports as one cross-device view: every device's entries as rows (device × entry), one
 * chart series per device, and the devices named in a few words a person can tell apart.
 */
import type { ImportedDevice, ImportedEntry, ParsedReport } from './reportImport';

/** One entry's figures on one device; `device` is the device's key (ImportedDevice.key). */
export type DeviceRow = ImportedEntry & { device: string };

export interface DevicePoint {
  entry: string;
  label: string;
  accuracy: number;
  latencyMs: number;
}

export interface DeviceSeries {
  device: string;
  label: string;
  points: DevicePoint[];
}

/** "Chrome 131 on Linux" from a user-agent string; null when it names nothing known. */
export function describeUserAgent(userAgent: string): string | null {
  const browsers: [RegExp, string][] = [
    [/Edg\/(\d+)/, 'Edge'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
    [/Chrome\/(\d+)/, 'Chrome'],
    [/Version\/(\d+)[\d.]* .*Safari\//, 'Safari'],
  ];
  const systems: [RegExp, string][] = [
    [/Android/, 'Android'],
    [/iPhone|iPad/, 'iOS'],
    [/CrOS/, 'ChromeOS'],
    [/Mac OS X/, 'macOS'],
    [/Windows/, 'Windows'],
    [/Linux/, 'Linux'],
  ];
  const browser = browsers.flatMap(([pattern, name]) => {
    const match = pattern.exec(userAgent);
    return match ? [`${name} ${match[1]}`] : [];
  })[0];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser && !system) return null;
  return [browser, system].filter(Boolean).join(' on ');
}

/** The browser, its cores and GPU adapter, and where a fleet reached it. */
export function deviceLabel(device: ImportedDevice): string {
  const browser = device.userAgent ? (describeUserAgent(device.userAgent) ?? device.userAgent) : 'unknown browser';
  const parts = [browser, device.cores !== null ? `${device.cores} cores` : null, device.adapter, device.endpoint].filter((p): p is string => p !== null);
  return parts.join(' · ');
}

/**
 * What is imported after a batch of files: each file read well replaces an earlier import of the
 * same name (importing it again must not double its rows), and each one refused adds its message.
 */
export function mergeImports(current: readonly ImportedDevice[], parsed: readonly ParsedReport[]): { devices: ImportedDevice[]; errors: string[] } {
  const read = parsed.flatMap((p) => (p.ok ? [p] : []));
  const replaced = new Set(read.map((p) => p.source));
  return {
    devices: [...current.filter((d) => !replaced.has(d.source)), ...read.flatMap((p) => p.devices)],
    errors: parsed.flatMap((p) => (p.ok ? [] : [p.message])),
  };
}

export function deviceRows(devices: readonly ImportedDevice[]): DeviceRow[] {
  return devices.flatMap((d) =>
    d.entries.map(({ entry, model, n, top1, top5, ece, latencyMs }) => ({ device: d.key, entry, model, n, top1, top5, ece, latencyMs })),
  );
}

/** One series per device, of the entries with both a top-1 and a latency (others cannot be placed). */
export function deviceSeries(devices: readonly ImportedDevice[]): DeviceSeries[] {
  return devices.map((d) => ({
    device: d.key,
    label: deviceLabel(d),
    points: d.entries.flatMap((e) =>
      e.top1 !== null && e.latencyMs !== null ? [{ entry: e.entry, label: e.model, accuracy: e.top1, latencyMs: e.latencyMs }] : [],
    ),
  }));
}
