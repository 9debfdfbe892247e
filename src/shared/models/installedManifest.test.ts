import { describe, expect, it } from 'vitest';
import { isListed, parseInstalledManifest } from './installedManifest';

const local = { id: 'resnet50', version: '1.0.0', source: { kind: 'npm' } };
const hosted = { id: 'mobilenet_v1_025_224_tfhub', version: '1', source: { kind: 'hosted' } };

describe('parseInstalledManifest', () => {
  it('reads the entries npm run models writes', () => {
    const json = { models: [{ id: 'resnet50', version: '1.0.0', selfHosted: false }] };
    expect(parseInstalledManifest(json)).toEqual(json);
    expect(parseInstalledManifest({ models: [] })).toEqual({ models: [] });
  });
  it('refuses what is no manifest: an HTML fallback page, a missing list, an entry without its fields', () => {
    expect(parseInstalledManifest(null)).toBeNull();
    expect(parseInstalledManifest('<!doctype html>')).toBeNull();
    expect(parseInstalledManifest({})).toBeNull();
    expect(parseInstalledManifest({ models: [{ id: 'resnet50', version: '1.0.0' }] })).toBeNull();
    expect(parseInstalledManifest({ models: [{ id: '', version: '1.0.0', selfHosted: false }] })).toBeNull();
  });
});

describe('isListed', () => {
  const manifest = {
    models: [
      { id: 'resnet50', version: '1.0.0', selfHosted: false },
      { id: 'mobilenet_v1_025_224_tfhub', version: '1', selfHosted: true },
    ],
  };
  it('lists an installed model and a self-hosted copy of a hosted one, at their versions', () => {
    expect(isListed(manifest, local)).toBe(true);
    expect(isListed(manifest, hosted)).toBe(true);
  });
  it('does not list another version, an absent model, or a hosted model recorded as not self-hosted', () => {
    expect(isListed(manifest, { ...local, version: '2.0.0' })).toBe(false);
    expect(isListed(manifest, { ...local, id: 'darknet_tiny' })).toBe(false);
    expect(isListed({ models: [{ id: hosted.id, version: '1', selfHosted: false }] }, hosted)).toBe(false);
    expect(isListed({ models: [] }, local)).toBe(false);
  });
});
