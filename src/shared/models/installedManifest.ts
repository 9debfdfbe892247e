/**
 * models/installed.json: which catalog models have their files beside the catalog. `npm run models`
 * writes it after every run (scripts/models/installedManifest.ts), and every build writes one into
 * dist/ (empty when nothing is installed), so the page asks this one file instead of probing each
 * model's folder: a plain static host answers a probe of an absent folder with a 404 in the console.
 */
export const INSTALLED_MANIFEST = 'installed.json';

export interface InstalledEntry {
  id: string;
  version: string;
  /** A hosted model that `npm run models -- --self-host` downloaded into its folder. */
  selfHosted: boolean;
}

export interface InstalledManifest {
  models: InstalledEntry[];
}

export const NOTHING_INSTALLED: InstalledManifest = { models: [] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function entry(value: unknown): InstalledEntry | null {
  if (!isObject(value)) return null;
  const { id, version, selfHosted } = value;
  if (typeof id !== 'string' || id === '' || typeof version !== 'string' || version === '' || typeof selfHosted !== 'boolean') return null;
  return { id, version, selfHosted };
}

/** The manifest, or null for anything else (an HTML fallback page, a broken file): then nothing counts as installed. */
export function parseInstalledManifest(json: unknown): InstalledManifest | null {
  if (!isObject(json) || !Array.isArray(json['models'])) return null;
  const models = json['models'].map(entry);
  return models.every((m) => m !== null) ? { models: models as InstalledEntry[] } : null;
}

/**
 * Whether the manifest lists this catalog model at this version, so its folder holds its
 * lumen-model.json. A hosted model is listed only as a self-hosted copy; otherwise it stays online.
 */
export function isListed(manifest: InstalledManifest, model: { id: string; version: string; source: { kind: string } }): boolean {
  return manifest.models.some((m) => m.id === model.id && m.version === model.version && m.selfHosted === (model.source.kind === 'hosted'));
}
