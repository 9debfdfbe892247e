/**
 * Your model by address: a Hugging Face Hub repository id (`org/name`, resolved to the Hub's
 * `resolve/main/…` URLs) or the URL of an `.onnx` or `.tflite` file. For a Hub id only the two
 * small JSON files are read in the page (labels, preprocessing); the model file is the worker's to
 * fetch through its cache, and its own signature is checked there as it loads.
 */
import { LumenError } from '@/shared/errors';
import { HF_CONFIG, HF_PREPROCESSOR, hfLabels, hfPreprocessing, hubFileUrl, isHubRepoId } from './hfLayout';
import { centerCropOf, describeSpec, modeOfSpec, specInputSize } from './preprocessSpec';
import { blankRuntimeFacts } from './runtimeDrop';
import type { ModelJsonFacts } from './modelJson';
import type { PreprocessingMode } from './catalog';
import type { CenterCrop } from '@/engine/shared/types';

export const HUB_HOST = 'https://huggingface.co';
/** The model file of a Hub repository in the layout Transformers.js reads: onnx/model.onnx (fp32). */
export const HUB_MODEL_FILE = 'onnx/model.onnx';

export interface RemoteRuntimeModel {
  format: 'onnx' | 'tflite';
  name: string;
  modelUrl: string;
  /** config.json for a Hub repository (its id2label); null: ImageNet's names, or none. */
  labelsUrl: string | null;
  facts: ModelJsonFacts;
  preprocessing: PreprocessingMode | null;
  /** 'file': preprocessor_config.json said it (it wins over a remembered choice); 'default': assumed. */
  preprocessingFrom: 'file' | 'default';
  /** preprocessor_config.json's shortest-edge resize and centre crop, when it has one. */
  centerCrop: CenterCrop | null;
  notes: string[];
}

/** An `.onnx` or `.tflite` URL; null for anything else (a model.json URL goes the TF.js way). */
export function runtimeFileUrl(text: string, base: string): RemoteRuntimeModel | null {
  let url: URL;
  try {
    url = new URL(text.trim(), base);
  } catch {
    return null;
  }
  const format = /\.onnx$/i.test(url.pathname) ? 'onnx' : /\.tflite$/i.test(url.pathname) ? 'tflite' : null;
  if (!format) return null;
  const file = url.pathname.split('/').at(-1) ?? url.pathname;
  return {
    format,
    name: `${url.host} · ${file}`,
    modelUrl: url.href,
    labelsUrl: null,
    facts: blankRuntimeFacts(format),
    preprocessing: format === 'tflite' ? 'raw' : 'torch',
    preprocessingFrom: 'default',
    centerCrop: null,
    notes: [
      `${file}: its input and output are read as it loads; set what it needs here (the defaults: ${format === 'tflite' ? 'raw pixels' : 'torch, as a PyTorch export'})`,
    ],
  };
}

type FetchJson = (url: string) => Promise<unknown>;

/** A Hub id → its files' URLs, labels and preprocessing, reading config.json and preprocessor_config.json. */
export async function hubModel(repoId: string, fetchJson: FetchJson, host = HUB_HOST): Promise<RemoteRuntimeModel> {
  if (!isHubRepoId(repoId)) throw new LumenError('bad-request', `"${repoId}" is not a Hugging Face repository id (org/name).`);
  const configUrl = hubFileUrl(repoId, HF_CONFIG, 'main', host);
  const notes: string[] = [];
  let labels: string[];
  try {
    labels = hfLabels(await fetchJson(configUrl));
  } catch (error) {
    throw new LumenError('model-invalid', `${repoId}: ${error instanceof Error ? error.message : String(error)}`);
  }
  notes.push(`labels: ${labels.length} from ${HF_CONFIG} id2label`);
  const facts = blankRuntimeFacts('onnx');
  facts.classes = labels.length;
  facts.classesFrom = 'model';
  // Transformers' image classifiers end in a linear layer: logits.
  facts.outputKind = 'logits';
  let preprocessing: PreprocessingMode | null = 'torch';
  let preprocessingFrom: RemoteRuntimeModel['preprocessingFrom'] = 'default';
  let centerCrop: CenterCrop | null = null;
  try {
    const read = hfPreprocessing(await fetchJson(hubFileUrl(repoId, HF_PREPROCESSOR, 'main', host)));
    centerCrop = centerCropOf(read.spec.resize);
    const [h, w] = specInputSize(read.spec);
    facts.inputShape = [null, 3, h, w];
    facts.inputLayout = 'nchw';
    const mode = modeOfSpec(read.spec);
    notes.push(`${HF_PREPROCESSOR}: ${describeSpec(read.spec)}${mode ? ` = ${mode}` : ''}`, ...read.notes);
    if (mode) {
      preprocessing = mode;
      preprocessingFrom = 'file';
    }
  } catch (error) {
    notes.push(`${HF_PREPROCESSOR}: not read (${error instanceof Error ? error.message : String(error)}); torch normalisation assumed`);
  }
  return {
    format: 'onnx',
    name: `${repoId} · Hugging Face`,
    modelUrl: hubFileUrl(repoId, HUB_MODEL_FILE, 'main', host),
    labelsUrl: configUrl,
    facts,
    preprocessing,
    preprocessingFrom,
    centerCrop,
    notes,
  };
}

export { isHubRepoId };
