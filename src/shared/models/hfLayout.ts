/**
 * The Hugging Face layout of an image classifier (the layout the Hub and Transformers.js use):
 * config.json for the labels, preprocessor_config.json for the preprocessing (as a
 * PreprocessSpec, NCHW), onnx/model*.onnx for its dtype siblings, and the Hub's resolve URLs.
 * Pure: callers fetch or read the files. Transformers' own defaults are followed where a key is absent.
 */
import { labelsFromIndexObject } from './labelsText';
import { validateSpec, type PreprocessSpec, type Resample, type ResizeSpec, type Rgb } from './preprocessSpec';

export const HF_CONFIG = 'config.json';
export const HF_PREPROCESSOR = 'preprocessor_config.json';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** config.json → one name per class: id2label (every key 0..n−1), else label2id inverted; num_labels must agree. */
export function hfLabels(raw: unknown): string[] {
  if (!isObject(raw)) throw new Error(`${HF_CONFIG} is not a JSON object`);
  let labels: string[];
  if (isObject(raw['id2label'])) labels = labelsFromIndexObject(raw['id2label'], `${HF_CONFIG} id2label`);
  else if (isObject(raw['label2id'])) {
    const inverted: Json = {};
    for (const [name, id] of Object.entries(raw['label2id'])) inverted[String(id)] = name;
    labels = labelsFromIndexObject(inverted, `${HF_CONFIG} label2id`);
  } else throw new Error(`${HF_CONFIG} has neither id2label nor label2id, so the classes have no names`);
  const declared = num(raw['num_labels']);
  if (declared !== null && declared !== labels.length) throw new Error(`${HF_CONFIG} says num_labels ${declared} but names ${labels.length} classes`);
  return labels;
}

/** PIL's resample codes, as preprocessor_config.json writes them. Lanczos, box and hamming have no kernel here. */
const PIL_RESAMPLE: Record<number, Resample> = { 0: 'nearest', 2: 'bilinear', 3: 'bicubic' };
const PIL_NAMES: Record<number, string> = { 1: 'lanczos', 4: 'box', 5: 'hamming' };

/**
 * Processors whose integer `size` means the shortest edge (transformers' get_size_dict with
 * default_to_square=False); for the rest an integer is a square.
 */
const SHORTEST_EDGE_TYPES = ['MobileNetV1', 'MobileNetV2', 'MobileViT', 'CLIP', 'ChineseCLIP', 'ConvNext', 'Bit', 'Levit', 'PoolFormer', 'EfficientFormer'];

export interface HfPreprocessing {
  spec: PreprocessSpec;
  /** What was assumed or approximated, for What ran and the Your model status. */
  notes: string[];
}

function rgb(value: unknown, key: string): Rgb {
  const values = typeof value === 'number' ? [value, value, value] : Array.isArray(value) ? value.map(num) : [];
  const [r, g, b] = values;
  if (values.length !== 3 || r == null || g == null || b == null) throw new Error(`${HF_PREPROCESSOR} ${key} must be 3 numbers`);
  return [r, g, b];
}

type Size = { height: number; width: number } | { shortest: number };

function readSize(value: unknown, processor: string, key: string): Size | null {
  const n = num(value);
  if (n !== null) return SHORTEST_EDGE_TYPES.some((t) => processor.startsWith(t)) ? { shortest: n } : { height: n, width: n };
  if (!isObject(value)) return null;
  const [height, width, shortest] = [num(value['height']), num(value['width']), num(value['shortest_edge'])];
  if (height !== null && width !== null) return { height, width };
  if (shortest !== null) return { shortest };
  throw new Error(`${HF_PREPROCESSOR} ${key} ${JSON.stringify(value)} has neither height/width nor shortest_edge`);
}

function readResize(raw: Json, processor: string, fallback: readonly [number, number] | null, notes: string[]): ResizeSpec {
  const size = raw['do_resize'] === false ? null : readSize(raw['size'], processor, 'size');
  const crop = raw['do_center_crop'] === true ? readSize(raw['crop_size'], '', 'crop_size') : null;
  if (crop && 'shortest' in crop) throw new Error(`${HF_PREPROCESSOR} crop_size must be height/width`);
  if (!size) {
    if (!fallback) throw new Error(`${HF_PREPROCESSOR} has no resize and the model's input size is unknown`);
    notes.push(`no resize in ${HF_PREPROCESSOR}: resized to the model's input ${fallback[0]}×${fallback[1]}`);
    return { kind: 'exact', height: fallback[0], width: fallback[1] };
  }
  if ('height' in size) {
    if (crop) return { kind: 'exact-crop', height: size.height, width: size.width, crop, cropOffset: 'floor' };
    return { kind: 'exact', height: size.height, width: size.width };
  }
  // ConvNeXt's crop_pct: below 384, the shortest edge to size / crop_pct, then a size × size crop; from 384, a square resize.
  const cropPct = num(raw['crop_pct']);
  if (cropPct !== null) {
    const square = { height: size.shortest, width: size.shortest };
    if (size.shortest >= 384) return { kind: 'exact', ...square };
    return { kind: 'shortest-edge', size: Math.trunc(size.shortest / cropPct), crop: square, cropOffset: 'floor' };
  }
  if (crop) return { kind: 'shortest-edge', size: size.shortest, crop, cropOffset: 'floor' };
  notes.push(`shortest edge ${size.shortest} without a crop: the centre ${size.shortest}×${size.shortest} square is used, as a fixed-size input needs`);
  return { kind: 'shortest-edge', size: size.shortest, crop: { height: size.shortest, width: size.shortest }, cropOffset: 'floor' };
}

/**
 * preprocessor_config.json → a spec (RGB, NCHW, float32; the runtime's input signature may change
 * dtype and layout). `fallbackSize` [height, width] is used when the file does not resize.
 */
export function hfPreprocessing(raw: unknown, fallbackSize: readonly [number, number] | null = null): HfPreprocessing {
  if (!isObject(raw)) throw new Error(`${HF_PREPROCESSOR} is not a JSON object`);
  const notes: string[] = [];
  const processor = String(raw['image_processor_type'] ?? raw['feature_extractor_type'] ?? '');
  const resize = readResize(raw, processor, fallbackSize, notes);
  const code = num(raw['resample']) ?? 2;
  const resample = PIL_RESAMPLE[code] ?? 'bilinear';
  if (!PIL_RESAMPLE[code]) notes.push(`resample ${PIL_NAMES[code] ?? code} has no kernel here: bilinear is used`);
  const rescale = raw['do_rescale'] !== false;
  const normalize = raw['do_normalize'] !== false;
  if (normalize && (raw['image_mean'] === undefined || raw['image_std'] === undefined)) {
    throw new Error(`${HF_PREPROCESSOR} normalises but does not give image_mean and image_std`);
  }
  const spec: PreprocessSpec = {
    resize,
    resample,
    scale: rescale ? (num(raw['rescale_factor']) ?? 1 / 255) : 1,
    mean: normalize ? rgb(raw['image_mean'], 'image_mean') : [0, 0, 0],
    std: normalize ? rgb(raw['image_std'], 'image_std') : [1, 1, 1],
    channelOrder: 'rgb',
    layout: 'nchw',
    dtype: 'float32',
  };
  return { spec: validateSpec(spec), notes };
}

/** Transformers.js's dtype names for the onnx/model{suffix}.onnx siblings, in the order they are offered. */
const ONNX_DTYPES = [
  ['', 'fp32'],
  ['_fp16', 'fp16'],
  ['_quantized', 'q8'],
  ['_int8', 'int8'],
  ['_uint8', 'uint8'],
  ['_q4', 'q4'],
  ['_q4f16', 'q4f16'],
  ['_bnb4', 'bnb4'],
] as const;
export type HfOnnxDtype = (typeof ONNX_DTYPES)[number][1];

export interface HfOnnxFile {
  /** The file name, e.g. model_quantized.onnx. */
  name: string;
  /** Its path in the folder or repository, e.g. onnx/model_quantized.onnx. */
  path: string;
  dtype: HfOnnxDtype;
  /** Its external-data file (weights over 2 GB live beside the graph), when the listing has one. */
  externalData: string | null;
}

/** The Transformers.js dtype an `onnx/model{suffix}.onnx` file name stands for (model_fp16.onnx → fp16), or null. */
export function hfOnnxDtypeOf(name: string): HfOnnxDtype | null {
  return ONNX_DTYPES.find(([suffix]) => name.toLowerCase() === `model${suffix}.onnx`)?.[1] ?? null;
}

/** A folder's or repository's file paths → its ONNX dtype siblings (onnx/ first, then the root), fp32 first. */
export function hfOnnxFiles(paths: readonly string[]): HfOnnxFile[] {
  const present = new Set(paths.map((p) => p.replace(/^\.?\//, '')));
  const files: HfOnnxFile[] = [];
  for (const [suffix, dtype] of ONNX_DTYPES) {
    const name = `model${suffix}.onnx`;
    const path = [`onnx/${name}`, name].find((candidate) => present.has(candidate));
    if (!path) continue;
    const data = `${path}_data`;
    files.push({ name, path, dtype, externalData: present.has(data) ? data : null });
  }
  return files;
}

const HUB_PART = /^\w(?:[\w.-]*\w)?$/;

/**
 * A Hub repository id, `org/name`, by the Hub's rules: letters, digits, `-`, `_` and `.`; no `--`
 * or `..`; `-` and `.` neither start nor end a part; at most 96 characters.
 */
export function isHubRepoId(text: string): boolean {
  const parts = text.split('/');
  return text.length <= 96 && parts.length === 2 && parts.every((part) => HUB_PART.test(part) && !/--|\.\./.test(part));
}

/** `${host}/${repoId}/resolve/${revision}/${path}`: the URL the Hub serves a repository's file at. */
export function hubFileUrl(repoId: string, path: string, revision = 'main', host = 'https://huggingface.co'): string {
  if (!isHubRepoId(repoId)) throw new Error(`"${repoId}" is not a Hugging Face repository id (org/name)`);
  const segments = path.replace(/^\/+/, '').split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new Error(`"${path}" is not a file path inside a repository`);
  if (revision === '') throw new Error('a Hub revision cannot be empty');
  const encoded = segments.map(encodeURIComponent).join('/');
  return `${host.replace(/\/+$/, '')}/${repoId}/resolve/${encodeURIComponent(revision)}/${encoded}`;
}
