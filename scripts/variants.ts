/**
 * Records measured weight variants and lists the ones that pass in the catalog.
 *
 *   npx tsx scripts/variants.ts [--eval DIR]
 *
 * --eval DIR: read `<id>.<weights>.json` files written by `npm run eval -- --model ID --weights W
 * --json DIR/<id>.<weights>.json` (the full 1000-image sample) into scripts/data/variants.json,
 * with each variant's bytes from the model's lumen-model.json. Then, for every model, the catalog's
 * `variants` become the offered ones (variantFigures.ts offerProblem), with the files and sha256
 * that npm run models recorded, so the worker's integrity check covers them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { modelFolder } from '../src/shared/models/catalog';
import { UINT8_RULE } from '../src/shared/weights/rule';
import { QUANTIZED_WEIGHTS } from '../src/shared/weights/names';
import { readMetadata } from './models/metadata';
import { catalogVariants, FIGURE_WEIGHTS, offerProblem, SUPERSEDED_RULES, type FiguresFile } from './models/variantFigures';

const ROOT = resolve(import.meta.dirname, '..');
const FIGURES = join(ROOT, 'scripts/data/variants.json');
const CATALOG = join(ROOT, 'public/models/catalog.json');
const MODELS = join(ROOT, 'public/models');

const { values } = parseArgs({ options: { eval: { type: 'string' } } });
const figures: FiguresFile = JSON.parse(await readFile(FIGURES, 'utf8').catch(() => '{"models":{}}'));
figures.how = 'npm run eval -- --model ID --backend wasm --weights W on the 1000-image imagenet-sample; bytes = model.json + shards + labels';
figures.uint8Rule = UINT8_RULE;
const catalogText = await readFile(CATALOG, 'utf8');
const catalog = JSON.parse(catalogText) as { models: { id: string; version: string; files: { path: string; size: number }[]; variants?: unknown }[] };

for (const model of catalog.models) {
  const meta = await readMetadata(join(MODELS, modelFolder(model), 'lumen-model.json'));
  if (values.eval) {
    for (const weights of FIGURE_WEIGHTS) {
      const doc = JSON.parse(await readFile(join(values.eval, `${model.id}.${weights}.json`), 'utf8').catch(() => 'null')) as {
        n: number;
        top1: number;
        top5: number;
        images: { error?: string }[];
      } | null;
      if (!doc) continue;
      if (doc.images.some((i) => i.error !== undefined)) throw new Error(`${model.id} ${weights}: some images failed; re-run the eval`);
      const bytes = weights === 'float32' ? model.files.reduce((n, f) => n + f.size, 0) : meta?.variants?.find((v) => v.weights === weights)?.totalBytes;
      if (bytes === undefined) throw new Error(`${model.id}: no ${weights} record in lumen-model.json; run npm run models`);
      figures.models[model.id] = { ...figures.models[model.id], [weights]: { bytes, top1: doc.top1, top5: doc.top5, n: doc.n } };
    }
    for (const [suffix, rule] of Object.entries(SUPERSEDED_RULES)) {
      const doc = JSON.parse(await readFile(join(values.eval, `${model.id}.${suffix}.json`), 'utf8').catch(() => 'null')) as {
        n: number;
        top1: number;
        top5: number;
      } | null;
      if (!doc) continue;
      const entry = figures.models[model.id] ?? {};
      entry.superseded = { ...entry.superseded, [suffix]: { bytes: null, top1: doc.top1, top5: doc.top5, n: doc.n, rule } };
      figures.models[model.id] = entry;
    }
  }
  const own = figures.models[model.id];
  if (!own || !meta?.variants) continue;
  const variants = catalogVariants(own, meta.variants);
  if (variants.length) model.variants = variants;
  else delete model.variants;
  for (const w of QUANTIZED_WEIGHTS) console.log(`${model.id} ${w}: ${offerProblem(own, w) ?? 'offered'}`);
}
await writeFile(FIGURES, `${JSON.stringify(figures, null, 2)}\n`);
// The catalog is written ASCII-only (\u00b7 …), as it always was, so the diff shows only the variants.
// kerasIndex stays on one line, as it always was.
const inline = new Map<string, string>();
const shaped = {
  ...catalog,
  models: catalog.models.map((m, i) => {
    const index = (m as { kerasIndex?: unknown }).kerasIndex;
    if (!Array.isArray(index)) return m;
    inline.set(`"@keras${i}"`, JSON.stringify(index));
    return { ...m, kerasIndex: `@keras${i}` };
  }),
};
let text = JSON.stringify(shaped, null, 2);
for (const [token, value] of inline) text = text.replace(token, value);
const ascii = text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
await writeFile(CATALOG, `${ascii}\n`);
