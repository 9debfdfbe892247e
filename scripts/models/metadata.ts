/**
 * lumen-model.json: what was installed, with the real tensor shapes read from model.json
 * (falling back to the catalog), so the app can check a model before loading its weights.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { VariantRecord } from './variants';
import { readOnnxSignature } from '../../src/shared/models/onnxOps';
import type { CatalogModel, LabelOrder, ModelFormat, ModelSource, OutputKind, PreprocessingMode } from '../../src/shared/models/catalog';

export const METADATA_FILE = 'lumen-model.json';

export type Dim = number | null;

export interface ModelShapes {
  inputShape: Dim[];
  outputShape: Dim[];
  /** Which parts came from the model's own file (model.json, or the ONNX graph) rather than the catalog. */
  from: { input: 'model.json' | 'model.onnx' | 'catalog'; output: 'model.json' | 'model.onnx' | 'catalog' };
}

/** An ONNX model's shapes, read from its graph (src/shared/models/onnxOps.ts); what it leaves open comes from the catalog. */
export function onnxShapes(bytes: Uint8Array, model: CatalogModel): ModelShapes {
  const signature = readOnnxSignature(bytes);
  const dims = signature?.inputs[0]?.dims.map((d) => (typeof d === 'number' ? d : null)) ?? null;
  const width = signature?.outputs[0]?.dims.at(-1);
  const classes = typeof width === 'number' ? width : null;
  const [h, w] = model.inputSize;
  return {
    inputShape: dims ? [null, ...dims.slice(1)] : [null, h, w, 3],
    outputShape: [null, classes ?? model.classes],
    from: { input: dims ? 'model.onnx' : 'catalog', output: classes ? 'model.onnx' : 'catalog' },
  };
}

export interface LumenModelMetadata {
  id: string;
  name: string;
  version: string;
  fetchedAt: string;
  source: ModelSource & { location: string };
  format: ModelFormat;
  inputShape: Dim[];
  outputShape: Dim[];
  classes: number;
  preprocessing: PreprocessingMode;
  output: OutputKind;
  labelOrder: LabelOrder;
  labels: string;
  shapesFrom: ModelShapes['from'];
  files: { path: string; size: number; sha256: string }[];
  totalBytes: number;
  /** Weight variants written beside the float32 files (scripts/models/variants.ts). */
  variants?: VariantRecord[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keras-style shape ([null, 224, 224, 3]) or TF dims ([{size: "-1"}, ...]) → dims with null for unknown. */
function toDims(value: unknown): Dim[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const dims: Dim[] = [];
  for (const d of value) {
    const raw: unknown = isObject(d) ? (d['size'] ?? -1) : d;
    const n = raw === null ? -1 : Number(raw);
    if (!Number.isInteger(n)) return undefined;
    dims.push(n < 0 ? null : n);
  }
  return dims;
}

function kerasLayers(topology: Json): Json[] {
  const root = isObject(topology['model_config']) ? topology['model_config'] : topology;
  const config = root['config'];
  const layers = Array.isArray(config) ? config : isObject(config) ? config['layers'] : undefined;
  return Array.isArray(layers) ? layers.filter(isObject) : [];
}

function layerConfig(layer: Json): Json {
  return isObject(layer['config']) ? layer['config'] : {};
}

function layersInput(topology: Json): Dim[] | undefined {
  for (const layer of kerasLayers(topology)) {
    const c = layerConfig(layer);
    const dims = toDims(c['batch_input_shape'] ?? c['batchInputShape'] ?? c['batch_shape']);
    if (dims) return dims;
  }
  return undefined;
}

/** Class count of a Keras model: units / filters of its last Dense or Conv layer. */
function layersClasses(topology: Json): number | undefined {
  for (const layer of kerasLayers(topology).reverse()) {
    const c = layerConfig(layer);
    const n = c['units'] ?? c['filters'];
    if (typeof n === 'number' && n > 0) return n;
  }
  return undefined;
}

function signatureShape(model: Json, kind: 'inputs' | 'outputs'): Dim[] | undefined {
  const signature = model['signature'];
  const tensors = isObject(signature) ? signature[kind] : undefined;
  const first = isObject(tensors) ? Object.values(tensors)[0] : undefined;
  const shape = isObject(first) ? first['tensorShape'] : undefined;
  return isObject(shape) ? toDims(shape['dim']) : undefined;
}

function placeholderShape(topology: Json): Dim[] | undefined {
  const nodes = Array.isArray(topology['node']) ? topology['node'].filter(isObject) : [];
  const node = nodes.find((n) => n['op'] === 'Placeholder');
  const attr = node && isObject(node['attr']) ? node['attr'] : {};
  const shapeAttr = isObject(attr['shape']) ? attr['shape'] : {};
  const shape = isObject(shapeAttr['shape']) ? shapeAttr['shape'] : {};
  return toDims(shape['dim']);
}

/** Graph models rarely state output shapes: take the last dim of the last matrix/kernel weight. */
function graphClasses(model: Json): number | undefined {
  const fromSignature = signatureShape(model, 'outputs')?.at(-1);
  if (typeof fromSignature === 'number') return fromSignature;
  const groups = Array.isArray(model['weightsManifest']) ? model['weightsManifest'].filter(isObject) : [];
  const weights = groups.flatMap((g) => (Array.isArray(g['weights']) ? g['weights'].filter(isObject) : []));
  for (const w of weights.reverse()) {
    const shape = w['shape'];
    if (Array.isArray(shape) && (shape.length === 2 || shape.length === 4)) {
      const last: unknown = shape[shape.length - 1];
      if (typeof last === 'number' && last > 0) return last;
    }
  }
  return undefined;
}

/** Reads shapes from a parsed model.json; anything it cannot tell comes from the catalog. */
/** What lumen-model.json says of an installed model: the catalog's facts, the shapes read, and where its files came from. */
export function metadataFor(
  model: CatalogModel,
  shapes: ModelShapes,
  origin: Pick<LumenModelMetadata, 'fetchedAt' | 'labels' | 'files' | 'totalBytes'> & { location: string },
): LumenModelMetadata {
  return {
    id: model.id,
    name: model.name,
    version: model.version,
    fetchedAt: origin.fetchedAt,
    source: { ...model.source, location: origin.location },
    format: model.format,
    inputShape: shapes.inputShape,
    outputShape: shapes.outputShape,
    classes: shapes.outputShape[1] ?? model.classes,
    preprocessing: model.preprocessing,
    output: model.output,
    labelOrder: model.labelOrder,
    labels: origin.labels,
    shapesFrom: shapes.from,
    files: origin.files,
    totalBytes: origin.totalBytes,
  };
}

export function readShapes(modelJson: unknown, model: CatalogModel): ModelShapes {
  const json = isObject(modelJson) ? modelJson : {};
  const topology = isObject(json['modelTopology']) ? json['modelTopology'] : {};
  const input = model.format === 'layers' ? layersInput(topology) : (signatureShape(json, 'inputs') ?? placeholderShape(topology));
  const classes = model.format === 'layers' ? layersClasses(topology) : graphClasses(json);
  const [h, w] = model.inputSize;
  return {
    inputShape: input ? [null, ...input.slice(1)] : [null, h, w, 3],
    outputShape: [null, classes ?? model.classes],
    from: { input: input ? 'model.json' : 'catalog', output: classes ? 'model.json' : 'catalog' },
  };
}

/** Differences between what model.json says and what the catalog claims (reported as warnings). */
export function shapeWarnings(shapes: ModelShapes, model: CatalogModel): string[] {
  const warnings: string[] = [];
  const source = shapes.from.input === 'catalog' ? 'model.json' : shapes.from.input;
  // NCHW (an ONNX model's [N, 3, H, W]) or NHWC.
  const nchw = shapes.inputShape[1] === 3 && shapes.inputShape[3] !== 3;
  const [h, w, c] = nchw ? [shapes.inputShape[2], shapes.inputShape[3], shapes.inputShape[1]] : shapes.inputShape.slice(1);
  if ((h != null && h !== model.inputSize[0]) || (w != null && w !== model.inputSize[1]) || (c != null && c !== 3)) {
    warnings.push(`${source} input shape [${shapes.inputShape.join(',')}] differs from catalog inputSize [${model.inputSize.join(',')}]`);
  }
  if (shapes.outputShape[1] !== model.classes) {
    warnings.push(
      `${shapes.from.output === 'catalog' ? 'model.json' : shapes.from.output} has ${String(shapes.outputShape[1])} outputs, catalog says ${model.classes}`,
    );
  }
  return warnings;
}

export async function readMetadata(path: string): Promise<LumenModelMetadata | undefined> {
  try {
    const json: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isObject(json) && typeof json['fetchedAt'] === 'string' ? (json as unknown as LumenModelMetadata) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the metadata atomically unless the file already holds exactly this; returns whether it wrote. */
export async function writeMetadata(path: string, next: LumenModelMetadata): Promise<boolean> {
  const text = `${JSON.stringify(next, null, 2)}\n`;
  try {
    if ((await readFile(path, 'utf8')) === text) return false;
  } catch {
    // absent: write it
  }
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
  return true;
}
