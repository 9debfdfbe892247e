import { fail, fileEntry, isObject, str, type Json } from './catalogJson';
import { validateVariants, type CatalogVariant } from '@/shared/weights/names';

/** How pixels (0..255 RGB) become model input; mirrors keras.applications' preprocess_input modes. */
export type PreprocessingMode =
  | 'tf' // x / 127.5 - 1 → [-1, 1]  (MobileNet, Inception)
  | 'caffe' // RGB→BGR, minus ImageNet means, no scaling  (ResNet50, VGG)
  | 'torch' // x / 255, minus mean, divided by std per channel  (DenseNet, PyTorch ports)
  | 'unit' // x / 255 → [0, 1]  (TF-Hub)
  | 'raw'; // 0..255 unchanged  (EfficientNet: normalization is inside the model)

export const PREPROCESSING_MODES: readonly PreprocessingMode[] = ['tf', 'caffe', 'torch', 'unit', 'raw'];

/** TF.js graph or layers model.json, an ONNX file (ONNX Runtime Web) or a TFLite flatbuffer (LiteRT.js). */
export type ModelFormat = 'graph' | 'layers' | 'onnx' | 'tflite';
export const MODEL_FORMATS: readonly ModelFormat[] = ['graph', 'layers', 'onnx', 'tflite'];

/** The file a format's model starts from, when the catalog does not name one (`modelFile`). */
export const DEFAULT_MODEL_FILE: Readonly<Record<ModelFormat, string>> = {
  graph: 'model.json',
  layers: 'model.json',
  onnx: 'model.onnx',
  tflite: 'model.tflite',
};
export type OutputKind = 'softmax' | 'logits';
/**
 * How many scores the model gives per image. The ImageNet counts carry Keras class indices: 1001
 * means index 0 is a "background" class and class i of Keras order is output i + 1. Any other
 * count is a model's own classes (a bird model's 965), named by its labels only.
 */
export type ClassCount = number;
export const IMAGENET_CLASS_COUNTS: readonly number[] = [1000, 1001];

export function isImageNetCount(classes: number): boolean {
  return IMAGENET_CLASS_COUNTS.includes(classes);
}

/** Fewest classes a classifier can have. */
export const MIN_CLASSES = 2;
/** Keras (sorted-synset) order, or Darknet's own order which is mapped to Keras by label name. */
export type LabelOrder = 'keras' | 'darknet';

export interface CatalogFile {
  path: string;
  size: number;
  sha256: string;
  /** Path inside the source (tarball or folder) when it differs from `path`. */
  from?: string;
}

export type ModelSource =
  | { kind: 'shared'; folder: string }
  | { kind: 'npm'; package: string; version: string; dir: string }
  | { kind: 'url'; baseUrl: string }
  /**
   * Served online and loaded by URL, never installed: `modelUrl` is a model.json URL or a TF-Hub /
   * Kaggle model handle (resolved like tf.loadGraphModel's fromTFHub). `labels` is then a URL,
   * absolute or relative to the model.json; `files` may be empty since their hashes are unknown.
   */
  | { kind: 'hosted'; modelUrl: string };

export interface CatalogModel {
  id: string;
  name: string;
  architecture: string;
  version: string;
  format: ModelFormat;
  /** [height, width] */
  inputSize: [number, number];
  preprocessing: PreprocessingMode;
  output: OutputKind;
  classes: ClassCount;
  labelOrder: LabelOrder;
  labels: string;
  files: CatalogFile[];
  source: ModelSource;
  license: string;
  description: string;
  /** For a non-Keras label order: output class i is Keras class kerasIndex[i]. */
  kerasIndex?: number[];
  /** Lighter weight variants that passed the accuracy check (src/shared/weights/names.ts). */
  variants?: CatalogVariant[];
  /** The model's own file inside its folder, when not the format's default (`onnx/model.onnx` in the Hugging Face layout). */
  modelFile?: string;
  /**
   * Entries holding the same network (the same weights, or a quantized copy of them) in several
   * formats share a family: `?runtime=` picks the member that runs on that runtime.
   */
  family?: string;
  /**
   * Top-1 and top-5 on the 1000-image imagenet-sample, as fractions, measured by
   * `npm run eval -- --family F --agree`: a member of a family is offered to the measured choice
   * only when its top-1 is within FAMILY_TOP1_TOLERANCE of the family's first entry.
   */
  accuracy?: { top1: number; top5: number };
}

export interface Catalog {
  schemaVersion: 1;
  defaultModel: string;
  models: CatalogModel[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;

function oneOf<T extends string | number>(o: Json, key: string, allowed: readonly T[], where: string): T {
  const v = o[key];
  if (!allowed.includes(v as T)) fail(where, `"${key}" must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
  return v as T;
}

function classCount(v: unknown, where: string): ClassCount {
  if (!Number.isInteger(v) || (v as number) < MIN_CLASSES)
    fail(where, `"classes" must be a whole number of at least ${MIN_CLASSES} (got ${JSON.stringify(v)})`);
  return v as number;
}

function accuracyOf(v: unknown, where: string): { top1: number; top5: number } {
  if (!isObject(v)) fail(where, '"accuracy" must be an object with top1 and top5');
  const fraction = (key: 'top1' | 'top5'): number => {
    const n = v[key];
    if (typeof n !== 'number' || !(n >= 0 && n <= 1)) fail(where, `"accuracy.${key}" must be a fraction 0..1`);
    return n;
  };
  return { top1: fraction('top1'), top5: fraction('top5') };
}

function validateFile(v: unknown, where: string): CatalogFile {
  const entry = fileEntry(v, where);
  const file: CatalogFile = { path: entry.path, size: entry.size, sha256: entry.sha256 };
  if (entry['from'] !== undefined) file.from = str(entry, 'from', where);
  return file;
}

function validateSource(v: unknown, where: string): ModelSource {
  if (!isObject(v)) fail(where, '"source" must be an object');
  const kind = oneOf(v, 'kind', ['shared', 'npm', 'url', 'hosted'] as const, where);
  switch (kind) {
    case 'shared':
      return { kind, folder: str(v, 'folder', where) };
    case 'npm':
      return { kind, package: str(v, 'package', where), version: str(v, 'version', where), dir: str(v, 'dir', where) };
    case 'url': {
      const baseUrl = str(v, 'baseUrl', where);
      if (!/^https?:\/\//.test(baseUrl)) fail(where, 'url source must be http(s)');
      return { kind, baseUrl };
    }
    case 'hosted': {
      const modelUrl = str(v, 'modelUrl', where);
      if (!/^https?:\/\//.test(modelUrl)) fail(where, 'hosted "modelUrl" must be http(s)');
      return { kind, modelUrl };
    }
  }
}

function validateModel(v: unknown, index: number): CatalogModel {
  if (!isObject(v)) fail(`models[${index}]`, 'must be an object');
  const id = str(v, 'id', `models[${index}]`);
  const where = `model "${id}"`;
  if (!ID_PATTERN.test(id)) fail(where, 'id must be lowercase letters, digits, "_", "-" or "."');
  const size = v['inputSize'];
  if (!Array.isArray(size) || size.length !== 2 || !size.every((n) => Number.isInteger(n) && n > 0)) {
    fail(where, '"inputSize" must be [height, width] positive integers');
  }
  const source = validateSource(v['source'], where);
  const hosted = source.kind === 'hosted';
  const files = hosted && v['files'] === undefined ? [] : v['files'];
  if (!Array.isArray(files) || (files.length === 0 && !hosted)) fail(where, '"files" must be a non-empty array');
  const model: CatalogModel = {
    id,
    name: str(v, 'name', where),
    architecture: str(v, 'architecture', where),
    version: str(v, 'version', where),
    format: oneOf(v, 'format', MODEL_FORMATS, where),
    inputSize: [size[0] as number, size[1] as number],
    preprocessing: oneOf(v, 'preprocessing', PREPROCESSING_MODES, where),
    output: oneOf(v, 'output', ['softmax', 'logits'] as const, where),
    classes: classCount(v['classes'], where),
    labelOrder: oneOf(v, 'labelOrder', ['keras', 'darknet'] as const, where),
    labels: str(v, 'labels', where),
    files: files.map((f, i) => validateFile(f, `${where} files[${i}]`)),
    source,
    license: str(v, 'license', where),
    description: str(v, 'description', where),
  };
  const kerasIndex = v['kerasIndex'];
  if (model.labelOrder !== 'keras') {
    const valid =
      Array.isArray(kerasIndex) &&
      kerasIndex.length === 1000 &&
      new Set(kerasIndex).size === 1000 &&
      kerasIndex.every((n) => Number.isInteger(n) && n >= 0 && n < 1000);
    if (!valid) fail(where, `labelOrder "${model.labelOrder}" needs "kerasIndex": a permutation of 0..999`);
    model.kerasIndex = kerasIndex as number[];
  }
  if (v['variants'] !== undefined) model.variants = validateVariants(v['variants'], where);
  if (v['modelFile'] !== undefined) model.modelFile = str(v, 'modelFile', where);
  if (v['family'] !== undefined) model.family = str(v, 'family', where);
  if (v['accuracy'] !== undefined) model.accuracy = accuracyOf(v['accuracy'], where);
  const paths = new Set(model.files.map((f) => f.path));
  if (paths.size !== model.files.length) fail(where, 'file paths must be unique');
  for (const needed of hosted ? [] : [modelFileOf(model), model.labels]) {
    if (!paths.has(needed)) fail(where, `"files" must include ${needed}`);
  }
  return model;
}

/** Validates untrusted catalog JSON; the error names the model and field at fault. */
export function validateCatalog(json: unknown): Catalog {
  if (!isObject(json)) fail('root', 'must be an object');
  if (json['schemaVersion'] !== 1) fail('root', `unsupported schemaVersion ${JSON.stringify(json['schemaVersion'])}`);
  const models = json['models'];
  if (!Array.isArray(models)) fail('root', '"models" must be an array');
  const parsed = models.map(validateModel);
  const ids = new Set<string>();
  for (const m of parsed) {
    if (ids.has(m.id)) fail(`model "${m.id}"`, 'duplicate id');
    ids.add(m.id);
  }
  const defaultModel = str(json, 'defaultModel', 'root');
  if (!ids.has(defaultModel)) fail('root', `defaultModel "${defaultModel}" is not in the catalog`);
  return { schemaVersion: 1, defaultModel, models: parsed };
}

/** Where a model's files live, relative to the catalog's folder: `<id>/<version>/`. */
export function modelFolder(model: Pick<CatalogModel, 'id' | 'version'>): string {
  return `${model.id}/${model.version}/`;
}

/** The model's own file in its folder: `modelFile`, or the format's default. */
export function modelFileOf(model: Pick<CatalogModel, 'format' | 'modelFile'>): string {
  return model.modelFile ?? DEFAULT_MODEL_FILE[model.format];
}
