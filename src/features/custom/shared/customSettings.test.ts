import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, initialSettings, type KeyValueStore, readSettings, settingsKey, writeSettings, type CustomSettings } from './customSettings';
import type { ModelJsonFacts } from '@/shared/models/modelJson';

/** An in-memory Storage with the two methods the module uses. */
function memoryStorage(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const facts = (over: Partial<ModelJsonFacts>): ModelJsonFacts => ({
  format: 'graph',
  inputName: 'x',
  inputShape: null,
  classes: null,
  classesFrom: null,
  outputKind: null,
  weightFiles: [],
  weightBytes: 0,
  ...over,
});

const chosen: CustomSettings = { inputSize: [192, 192], preprocessing: 'unit', output: 'logits', classes: 1001 };

describe('remembered settings', () => {
  it('round-trips through storage under a key per URL or per file', () => {
    const storage = memoryStorage();
    const byUrl = settingsKey({ kind: 'url', url: 'https://x.test/m/model.json' });
    const byFile = settingsKey({ kind: 'files', modelJsonName: 'model.json', modelJsonSize: 60507 });
    expect(byUrl).not.toBe(byFile);
    writeSettings(storage, byUrl, chosen);
    expect(readSettings(storage, byUrl)).toEqual(chosen);
    expect(readSettings(storage, byFile)).toBeNull();
  });

  it('ignores damaged or out-of-range stored values instead of throwing', () => {
    const storage = memoryStorage();
    storage.data.set('a', '{not json');
    storage.data.set('b', JSON.stringify({ ...chosen, classes: 1 }));
    storage.data.set('c', JSON.stringify({ ...chosen, preprocessing: 'magic' }));
    storage.data.set('d', JSON.stringify({ ...chosen, inputSize: [0, 224] }));
    for (const key of ['a', 'b', 'c', 'd']) expect(readSettings(storage, key)).toBeNull();
  });

  it("keeps a model's own class count (not only ImageNet's)", () => {
    const storage = memoryStorage();
    storage.data.set('birds', JSON.stringify({ ...chosen, classes: 965 }));
    expect(readSettings(storage, 'birds')?.classes).toBe(965);
  });

  it('a full or disabled storage does not break saving', () => {
    const full = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => writeSettings(full, 'k', chosen)).not.toThrow();
  });
});

describe('initialSettings', () => {
  it('what model.json states wins over the remembered choice', () => {
    const { settings, stated } = initialSettings(
      facts({ inputShape: [null, 224, 224, 3], outputKind: 'softmax', classes: 1000, classesFrom: 'model' }),
      chosen,
    );
    expect(settings).toEqual({ inputSize: [224, 224], preprocessing: 'unit', output: 'softmax', classes: 1000 });
    expect(stated).toEqual({ inputSize: true, output: true, classes: true });
  });

  it('what model.json does not say comes from the remembered choice', () => {
    const { settings, stated } = initialSettings(facts({ inputShape: [null, null, null, 3], classes: 1000, classesFrom: 'guess' }), chosen);
    expect(settings).toEqual(chosen);
    expect(stated).toEqual({ inputSize: false, output: false, classes: false });
  });

  it('with nothing remembered: a guessed class count, else the defaults', () => {
    expect(initialSettings(facts({ classes: 1001, classesFrom: 'guess' }), null).settings).toEqual({ ...DEFAULT_SETTINGS, classes: 1001 });
    expect(initialSettings(facts({}), null).settings).toEqual(DEFAULT_SETTINGS);
  });
});
