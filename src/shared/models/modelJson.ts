/**
 * Reads a TF.js model.json (graph or layers) without loading any weights: format, input name and
 * shape, class count and output kind when the file says, the weight files it needs. Used on the
 * page to check a user's model before the worker downloads megabytes, and by the inspector.
 */
import { MIN_CLASSES, type ModelFormat, type OutputKind } from './catalog';
import { LumenError } from '@/shared/errors';
import { checkModelJsonShape } from './modelJsonCheck';

type Json = Record<string, unknown>;
type Dim = number | null;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

export interface GraphNode {
  name: string;
  op: string;
  inputs: string[];
}

export interface ModelJsonFacts {
  format: ModelFormat;
  inputName: string | null;
  inputShape: Dim[] | null;
  /** ONNX and TFLite: the input's layout as read from the file; TF.js models are NHWC. */
  inputLayout?: 'nhwc' | 'nchw';
  classes: number | null;
  /** 'model': stated by model.json (layer units, signature); 'guess': last weight's size. */
  classesFrom: 'model' | 'guess' | null;
  outputKind: OutputKind | null;
  /** Shard paths listed in weightsManifest, in order. */
  weightFiles: string[];
  /** Bytes of weight data the manifest describes (quantized sizes where quantized). */
  weightBytes: number;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint16: 2, uint8: 1, bool: 1 };

/** Keras-style shape ([null, 224, 224, 3]) or TF dims ([{size: "-1"}, …]) → dims, null for unknown. */
export function toDims(value: unknown): Dim[] | null {
  if (!Array.isArray(value)) return null;
  const dims: Dim[] = [];
  for (const d of value) {
    const raw: unknown = isObject(d) ? (d['size'] ?? -1) : d;
    const n = raw === null ? -1 : Number(raw);
    if (!Number.isInteger(n)) return null;
    dims.push(n < 0 ? null : n);
  }
  return dims;
}

export function kerasLayers(topology: Json): Json[] {
  const root = isObject(topology['model_config']) ? topology['model_config'] : topology;
  const config = root['config'];
  return list(Array.isArray(config) ? config : isObject(config) ? config['layers'] : undefined);
}

const layerConfig = (layer: Json): Json => (isObject(layer['config']) ? layer['config'] : {});
const layerSize = (c: Json): number | null => {
  const n = c['units'] ?? c['filters'];
  return typeof n === 'number' && n > 0 ? n : null;
};

/** Graph nodes with their producers, names stripped of ":0" and control-edge "^". */
export function graphNodes(topology: unknown): GraphNode[] {
  return list(isObject(topology) ? topology['node'] : undefined).map((n) => ({
    name: String(n['name'] ?? ''),
    op: String(n['op'] ?? ''),
    inputs: (Array.isArray(n['input']) ? n['input'] : []).map((i) => String(i).replace(/^\^/, '').replace(/:\d+$/, '')),
  }));
}

/** Ops that pass values through unchanged in kind (a reshaped logit is still a logit). */
const PASS_THROUGH = new Set(['Identity', 'Reshape', 'Squeeze', 'ExpandDims', 'Flatten', 'Dropout', 'GlobalAveragePooling2D', 'Mean']);

function graphOutputKind(nodes: GraphNode[], outputName: string | null): OutputKind | null {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const consumed = new Set(nodes.flatMap((n) => n.inputs));
  let node = outputName ? byName.get(outputName) : nodes.filter((n) => n.op !== 'Const' && !consumed.has(n.name)).at(-1);
  for (let hops = 0; node && hops < 16; hops += 1) {
    if (node.op === 'Softmax') return 'softmax';
    if (['BiasAdd', 'MatMul', 'Conv2D', 'Add', 'AddV2', '_FusedMatMul', '_FusedConv2D'].includes(node.op)) return 'logits';
    if (!PASS_THROUGH.has(node.op)) return null;
    node = byName.get(node.inputs[0] ?? '');
  }
  return null;
}

function layersOutputKind(layers: Json[]): OutputKind | null {
  for (const layer of [...layers].reverse()) {
    const c = layerConfig(layer);
    const activation = c['activation'];
    if (layer['class_name'] === 'Softmax' || activation === 'softmax') return 'softmax';
    if (layerSize(c) !== null) return activation === 'linear' || activation === undefined ? 'logits' : null;
    if (layer['class_name'] === 'Activation' && activation !== 'linear') return null;
    if (!PASS_THROUGH.has(String(layer['class_name'])) && layer['class_name'] !== 'Activation') return null;
  }
  return null;
}

function signatureTensor(json: Json, kind: 'inputs' | 'outputs'): { name: string; shape: Dim[] | null } | null {
  const signature = json['signature'];
  const tensors = isObject(signature) ? signature[kind] : undefined;
  const first = isObject(tensors) ? Object.entries(tensors)[0] : undefined;
  if (!first || !isObject(first[1])) return null;
  const shape = first[1]['tensorShape'];
  return { name: first[0].replace(/:\d+$/, ''), shape: isObject(shape) ? toDims(shape['dim']) : null };
}

function manifest(json: Json): { weightFiles: string[]; weightBytes: number; lastMatrixSize: number | null } {
  const groups = list(json['weightsManifest']);
  const weightFiles = groups.flatMap((g) => (Array.isArray(g['paths']) ? g['paths'].map(String) : []));
  let weightBytes = 0;
  let lastMatrixSize: number | null = null;
  for (const w of groups.flatMap((g) => list(g['weights']))) {
    const shape = Array.isArray(w['shape']) ? w['shape'].map(Number) : [];
    const quantization = isObject(w['quantization']) ? String(w['quantization']['dtype']) : null;
    weightBytes += shape.reduce((p, d) => p * d, 1) * (DTYPE_BYTES[quantization ?? String(w['dtype'])] ?? 4);
    if (shape.length === 2 || shape.length === 4) lastMatrixSize = shape.at(-1) ?? null;
  }
  return { weightFiles, weightBytes, lastMatrixSize };
}

/** Facts from a parsed model.json; throws `model-invalid`, naming the problem, when it is not shaped like a TF.js model. */
export function analyzeModelJson(json: unknown): ModelJsonFacts {
  if (!isObject(json) || !isObject(json['modelTopology'])) {
    throw new LumenError('model-invalid', 'This is not a TF.js model.json: it has no "modelTopology".');
  }
  checkModelJsonShape(json, 'This model.json');
  const topology = json['modelTopology'];
  const declared = json['format'];
  const format: ModelFormat = declared === 'graph-model' || (declared !== 'layers-model' && Array.isArray(topology['node'])) ? 'graph' : 'layers';
  const { weightFiles, weightBytes, lastMatrixSize } = manifest(json);
  if (format === 'layers') {
    const layers = kerasLayers(topology);
    const inputLayer = layers.find((l) => toDims(layerConfig(l)['batch_input_shape'] ?? layerConfig(l)['batch_shape']));
    const inputConfig = inputLayer ? layerConfig(inputLayer) : {};
    const classes =
      [...layers]
        .reverse()
        .map((l) => layerSize(layerConfig(l)))
        .find((n) => n !== null) ?? null;
    return {
      format,
      inputName: typeof inputConfig['name'] === 'string' ? inputConfig['name'] : null,
      inputShape: toDims(inputConfig['batch_input_shape'] ?? inputConfig['batch_shape']),
      classes,
      classesFrom: classes === null ? null : 'model',
      outputKind: layersOutputKind(layers),
      weightFiles,
      weightBytes,
    };
  }
  const nodes = graphNodes(topology);
  const placeholder = nodes.length > 0 ? list(topology['node']).find((n) => n['op'] === 'Placeholder') : undefined;
  const placeholderShape = (): Dim[] | null => {
    const attr = placeholder && isObject(placeholder['attr']) ? placeholder['attr'] : {};
    const shape = isObject(attr['shape']) && isObject(attr['shape']['shape']) ? attr['shape']['shape'] : {};
    return toDims(shape['dim'] ?? []);
  };
  const input = signatureTensor(json, 'inputs');
  const output = signatureTensor(json, 'outputs');
  const stated = output?.shape?.at(-1) ?? null;
  return {
    format,
    inputName: input?.name ?? (placeholder ? String(placeholder['name']) : null),
    inputShape: input?.shape ?? placeholderShape(),
    classes: stated ?? lastMatrixSize,
    classesFrom: stated !== null ? 'model' : lastMatrixSize !== null ? 'guess' : null,
    outputKind: graphOutputKind(nodes, output?.name ?? null),
    weightFiles,
    weightBytes,
  };
}

const show = (dims: readonly Dim[]): string => `[${dims.map((d) => d ?? 'N').join(', ')}]`;

/** Why this model cannot be an ImageNet image classifier, from what model.json states; [] when it may be. */
export function classifierProblems(facts: ModelJsonFacts): string[] {
  const problems: string[] = [];
  const shape = facts.inputShape;
  if (shape && (shape.length !== 4 || (shape[3] !== null && shape[3] !== 3))) {
    problems.push(`its input is ${show(shape)}, but an image classifier takes [N, height, width, 3]`);
  }
  // Any class count is a classifier (ImageNet's 1000 or 1001, or its own with a labels file); one value is not.
  if (facts.classesFrom === 'model' && (facts.classes ?? 0) < MIN_CLASSES) {
    problems.push(`its output is [N, ${String(facts.classes)}], not one score per class (a classifier has at least ${MIN_CLASSES})`);
  }
  return problems;
}

/** Shard files model.json lists that are not among `names` (compared by file name). */
export function missingShards(facts: ModelJsonFacts, names: readonly string[]): string[] {
  const have = new Set(names);
  return facts.weightFiles.filter((path) => !have.has(path.split('/').at(-1) ?? path));
}
