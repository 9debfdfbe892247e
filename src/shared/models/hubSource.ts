/**
 * Your model by address: a Hugging Face Hub repository id (`org/name`, resolved to the Hub's
 * `resolve/main/…` URLs) or the URL of an `.onnx` or `.tflite` file. For a Hub id only the two
 * small JSON files are read in the page (labels, preprocessing); the model file is the worker's to
 * fetch through its cache, and its own signature is checked there as it loads.
 */
import { LumenError } from '@/shared/errors';
import { HF_CONFIG, HF_PREPROCESSOR, hfLabels, hfOnnxFiles, hfPreprocessing, hubFileUrl, isHubRepoId, type HfOnnxDtype } from './hfLayout';
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
  /** A Hub repository's ONNX dtype siblings (model_fp16.onnx, model_quantized.onnx…) and the one read, when it has several. */
  siblings?: { dtype: HfOnnxDtype; name: string; bytes: number }[];
  dtype?: HfOnnxDtype;
}

/** A repository's file list from the Hub's model API (`siblings[].rfilename`, with `size` when asked for blobs). */
export function hubListingUrl(repoId: string, host = HUB_HOST): string {
  return `${host.replace(/\/+$/, '')}/api/models/${repoId}?blobs=true`;
}

/** The file paths and sizes in a model API answer; anything unexpected is left out, never guessed. */
export function hubFilesOf(listing: unknown): { path: string; bytes: number }[] {
  const siblings = (listing as { siblings?: unknown } | null)?.siblings;
  if (!Array.isArray(siblings)) throw new Error('the model API answered without a file list (siblings)');
  return siblings.flatMap((entry: unknown) => {
    const { rfilename, size } = (entry ?? {}) as { rfilename?: unknown; size?: unknown };
    return typeof rfilename === 'string' ? [{ path: rfilename, bytes: typeof size === 'number' ? size : 0 }] : [];
  });
}

/**
 * Which ONNX file of the repository to read: `wanted` when it has it, else fp32 (Transformers.js's
 * default), else its first sibling; the listing is the Hub's, so a repository whose API cannot be
 * read still loads onnx/model.onnx, as Transformers.js would.
 */
async function pickHubFile(repoId: string, fetchJson: FetchJson, host: string, wanted: HfOnnxDtype | undefined, notes: string[]) {
  let files: { path: string; bytes: number }[];
  try {
    files = hubFilesOf(await fetchJson(hubListingUrl(repoId, host)));
  } catch (error) {
    notes.push(`file list not read (${error instanceof Error ? error.message : String(error)}): ${HUB_MODEL_FILE} assumed`);
    return { path: HUB_MODEL_FILE, siblings: [] };
  }
  const bytes = new Map(files.map((f) => [f.path, f.bytes]));
  const onnx = hfOnnxFiles(files.map((f) => f.path));
  const chosen = onnx.find((f) => f.dtype === wanted) ?? onnx.find((f) => f.dtype === 'fp32') ?? onnx[0];
  if (!chosen) throw new LumenError('model-invalid', `${repoId}: the repository has no onnx/model*.onnx; Lumen reads the layout Transformers.js reads.`);
  const siblings = onnx.map((f) => ({ dtype: f.dtype, name: f.name, bytes: bytes.get(f.path) ?? 0 }));
  if (siblings.length > 1) notes.push(`weights: ${chosen.name} of ${siblings.map((s) => s.name).join(', ')} (choose another below)`);
  return { path: chosen.path, dtype: chosen.dtype, siblings };
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

/**
 * A Hub id → its files' URLs, labels and preprocessing, reading config.json, preprocessor_config.json
 * and the file list (for the ONNX dtype siblings; `dtype` picks one of them).
 */
export async function hubModel(repoId: string, fetchJson: FetchJson, host = HUB_HOST, dtype?: HfOnnxDtype): Promise<RemoteRuntimeModel> {
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
  const file = await pickHubFile(repoId, fetchJson, host, dtype, notes);
  return {
    format: 'onnx',
    name: `${repoId} · Hugging Face`,
    modelUrl: hubFileUrl(repoId, file.path, 'main', host),
    ...(file.siblings.length > 1 && file.dtype ? { siblings: file.siblings, dtype: file.dtype } : {}),
    labelsUrl: configUrl,
    facts,
    preprocessing,
    preprocessingFrom,
    centerCrop,
    notes,
  };
}

export { isHubRepoId };
