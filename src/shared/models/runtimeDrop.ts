/**
 * Your model, beyond TF.js: a dropped `.onnx` (PyTorch exports, the Hugging Face layout's
 * onnx/model.onnx with config.json and preprocessor_config.json beside it) or `.tflite` (with a
 * labels file), sorted into the model file, its labels and what its own files say about feeding it,
 * in the page and without running anything (the worker loads it; here only bytes are read).
 */
import { LumenError } from '@/shared/errors';
import { HF_CONFIG, HF_PREPROCESSOR, hfLabels, hfOnnxDtypeOf, hfPreprocessing, type HfOnnxDtype } from './hfLayout';
import { readOnnxSignature, type OnnxSignature } from './onnxOps';
import { readInputLayout } from './tensorLayout';
import { centerCropOf, describeSpec, modeOfSpec } from './preprocessSpec';
import type { CenterCrop } from '@/engine/shared/types';
import { readLabelsText } from './labelsText';
import type { ModelJsonFacts } from './modelJson';
import type { PreprocessingMode } from './catalog';

export interface PickedRuntimeModel {
  format: 'onnx' | 'tflite';
  model: File;
  /** A labels file (one name a line, or JSON), or the Hugging Face config.json with its id2label. */
  labels: File | null;
  labelCount: number | null;
  facts: ModelJsonFacts;
  /** What the model's own files say to feed it (preprocessor_config.json, a uint8 input), or the format's default; null: the user chooses. */
  preprocessing: PreprocessingMode | null;
  /** 'file': preprocessor_config.json said it (it wins over a remembered choice); 'default': the format's guess. */
  preprocessingFrom: 'file' | 'default';
  /** preprocessor_config.json's shortest-edge resize and centre crop, when it has one; null: a straight resize. */
  centerCrop: CenterCrop | null;
  /**
   * A Hugging Face folder's dtype siblings (onnx/model.onnx, model_fp16.onnx, model_quantized.onnx…),
   * fp32 first, offered as its weights; `dtype` is the one picked. Empty for a lone model file.
   */
  siblings: { dtype: HfOnnxDtype; name: string; bytes: number }[];
  dtype: HfOnnxDtype | null;
  /** What was read and from where, or assumed, for the Your model status. */
  notes: string[];
  ignored: string[];
}

/** What an ONNX or TFLite model is known to be before anything of it is read. */
export function blankRuntimeFacts(format: 'onnx' | 'tflite'): ModelJsonFacts {
  return { format, inputName: null, inputShape: null, classes: null, classesFrom: null, outputKind: null, weightFiles: [], weightBytes: 0 };
}

const ONNX_ELEM = { 1: 'float32', 2: 'uint8', 3: 'int8', 10: 'float16' } as const;
const byName = (files: readonly File[], name: string): File | undefined => files.find((f) => f.name.toLowerCase() === name);
const isModelFile = (f: File): boolean => /\.(onnx|tflite)$/i.test(f.name);

async function jsonOf(file: File | undefined): Promise<unknown> {
  if (!file) return null;
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch (error) {
    throw new LumenError('model-invalid', `${file.name} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** A Hugging Face folder's ONNX dtype siblings, in Transformers.js's order (fp32 first). */
function siblingsOf(files: readonly File[]): { dtype: HfOnnxDtype; file: File }[] {
  const found = files.flatMap((file) => {
    const dtype = hfOnnxDtypeOf(file.name);
    return dtype ? [{ dtype, file }] : [];
  });
  const order = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'];
  return found.sort((a, b) => order.indexOf(a.dtype) - order.indexOf(b.dtype));
}

/**
 * The model file: the `preferred` dtype sibling when asked for, else the fp32 model.onnx of a
 * Hugging Face folder before its siblings, otherwise the first model file.
 */
function pickModel(files: readonly File[], preferred: HfOnnxDtype | null): File | null {
  const chosen = preferred ? siblingsOf(files).find((s) => s.dtype === preferred)?.file : undefined;
  if (chosen) return chosen;
  const models = files.filter(isModelFile);
  return byName(models, 'model.onnx') ?? models.find((f) => /\.onnx$/i.test(f.name)) ?? models[0] ?? null;
}

function onnxFacts(signature: OnnxSignature | null, name: string): { facts: Partial<ModelJsonFacts>; uint8: boolean; nchw: boolean } {
  const input = signature?.inputs[0];
  if (!signature || !input) throw new LumenError('model-invalid', `${name} is not an ONNX model Lumen can read (no graph inputs found).`);
  let layout: ReturnType<typeof readInputLayout>;
  try {
    layout = readInputLayout(input.dims);
  } catch (error) {
    throw new LumenError('model-invalid', `${name} is not an image classifier: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const elem = ONNX_ELEM[(input.elemType ?? 0) as keyof typeof ONNX_ELEM];
  if (!elem) throw new LumenError('model-invalid', `${name}: its input "${input.name}" is not float32, float16, uint8 or int8 pixels.`);
  const width = signature.outputs[0]?.dims.at(-1);
  const classes = typeof width === 'number' && width >= 2 ? width : null;
  return {
    facts: {
      inputName: input.name,
      inputShape: input.dims.map((d) => (typeof d === 'number' ? d : null)),
      inputLayout: layout.layout,
      classes,
      classesFrom: classes ? 'model' : null,
      outputKind: signature.lastOp === 'Softmax' ? 'softmax' : signature.lastOp ? 'logits' : null,
    },
    uint8: elem === 'uint8' || elem === 'int8',
    nchw: layout.layout === 'nchw',
  };
}

/** The model file, labels and facts of a drop that holds a `.onnx` or `.tflite`; null when it holds neither. */
export async function pickRuntimeModelFiles(files: readonly File[], preferred: HfOnnxDtype | null = null): Promise<PickedRuntimeModel | null> {
  const model = pickModel(files, preferred);
  if (!model) return null;
  const format = /\.onnx$/i.test(model.name) ? 'onnx' : 'tflite';
  const notes: string[] = [];
  const config = byName(files, HF_CONFIG);
  const preprocessor = byName(files, HF_PREPROCESSOR);
  const labelsText = files.find((f) => f !== config && f !== preprocessor && /\.(txt|json)$/i.test(f.name) && /label|class/i.test(f.name));
  let labels: File | null = labelsText ?? null;
  let labelCount: number | null = labelsText ? readLabelsText(await labelsText.text()).length : null;
  const configJson = await jsonOf(config);
  if (!labels && config && configJson && typeof configJson === 'object' && 'id2label' in configJson) {
    labels = config;
    labelCount = hfLabels(configJson).length;
    notes.push(`labels: ${labelCount} from ${HF_CONFIG} id2label`);
  }

  let facts: Partial<ModelJsonFacts> = {};
  let preprocessing: PreprocessingMode | null = null;
  if (format === 'onnx') {
    const read = onnxFacts(readOnnxSignature(new Uint8Array(await model.arrayBuffer())), model.name);
    facts = read.facts;
    if (read.uint8) preprocessing = 'raw';
    else if (read.nchw) preprocessing = 'torch';
    // preprocessor_config.json, read below, says better than a default.
    if (preprocessing && !preprocessor)
      notes.push(`preprocessing ${preprocessing}: the default for ${read.uint8 ? 'a uint8 input' : 'an NCHW ONNX model (PyTorch)'}`);
  } else {
    preprocessing = 'raw';
    notes.push('preprocessing raw: most TFLite classifiers take uint8 pixels and quantize inside; LiteRT reads the input as the model loads');
  }
  const raw = await jsonOf(preprocessor);
  let preprocessingFrom: PickedRuntimeModel['preprocessingFrom'] = 'default';
  let centerCrop: CenterCrop | null = null;
  if (raw) {
    const [, h, w] = facts.inputLayout === 'nchw' ? (facts.inputShape ?? []).slice(1) : (facts.inputShape ?? []);
    const read = hfPreprocessing(raw, typeof h === 'number' && typeof w === 'number' ? [h, w] : null);
    const mode = modeOfSpec(read.spec);
    notes.push(`${HF_PREPROCESSOR}: ${describeSpec(read.spec)}${mode ? ` = ${mode}` : ''}`, ...read.notes);
    centerCrop = centerCropOf(read.spec.resize);
    if (read.spec.resize.kind === 'exact-crop') notes.push('its crop after a fixed-size resize is not applied: the image is resized straight to the input');
    if (mode) {
      preprocessing = mode;
      preprocessingFrom = 'file';
    } else notes.push(`its normalisation is none of Lumen's modes: choose the nearest`);
  }
  if ((facts.classes ?? null) === null && labelCount !== null) {
    facts.classes = labelCount;
    facts.classesFrom = 'guess';
  }
  const siblings = format === 'onnx' ? siblingsOf(files) : [];
  if (siblings.length > 1) notes.push(`weights: ${model.name} of ${siblings.map((s) => s.file.name).join(', ')} (choose another below)`);
  const used = new Set([model, labels, config, preprocessor].filter((f): f is File => f !== null && f !== undefined));
  return {
    format,
    model,
    labels,
    labelCount,
    facts: { ...blankRuntimeFacts(format), ...facts, weightBytes: model.size },
    preprocessing,
    preprocessingFrom,
    centerCrop,
    siblings: siblings.map(({ dtype, file }) => ({ dtype, name: file.name, bytes: file.size })),
    dtype: hfOnnxDtypeOf(model.name),
    notes,
    // The other dtype siblings are the same model in other weights, offered, not ignored.
    ignored: files.filter((f) => !used.has(f) && !siblings.some((s) => s.file === f)).map((f) => f.name),
  };
}
