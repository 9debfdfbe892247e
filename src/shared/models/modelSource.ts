/**
 * Where a user's own model comes from, checked on the page before the worker loads weights: a URL
 * (must be http(s); a CORS refusal and an unreachable server get different messages) or a set of
 * dropped files (model.json, every shard it lists, optionally a labels file).
 */
import { LumenError } from '@/shared/errors';
import { analyzeModelJson, classifierProblems, missingShards, type ModelJsonFacts } from './modelJson';
import { checkModelJsonSize, MAX_MODEL_JSON_BYTES, parseModelJsonText } from './modelJsonCheck';

/** Parses what the user typed; relative addresses resolve against the page. */
export function parseModelUrl(text: string, base: string): URL {
  const trimmed = text.trim();
  if (!trimmed) throw new LumenError('bad-request', 'Enter the address of a model.json.');
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    throw new LumenError('bad-request', `"${trimmed}" is not a valid address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LumenError(
      'bad-request',
      `Only http:// and https:// addresses can be loaded; "${trimmed}" uses ${url.protocol.replace(/:$/, '')}:. To use local files, drop them here instead.`,
    );
  }
  return url;
}

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Fetches model.json. A browser hides why a cross-origin fetch failed, so on failure the same URL
 * is asked again in `no-cors` mode: an (opaque) answer means the server is up but refuses CORS.
 */
export async function fetchModelJson(url: URL, fetchFn: FetchFn = (input, init) => fetch(input, init)): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchFn(url.href);
  } catch (error) {
    const answered = await fetchFn(url.href, { mode: 'no-cors' }).then(
      () => true,
      () => false,
    );
    if (answered) {
      throw new LumenError(
        'network',
        `${url.origin} answered, but refused this page's cross-origin request (CORS): it sends no Access-Control-Allow-Origin header. Serve the model with CORS enabled, or download its files and drop them here.`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new LumenError('network', `Could not reach ${url.origin} (${reason}): the server is down, the address is wrong, or you are offline.`);
  }
  if (!response.ok) {
    throw new LumenError('model-not-found', `${url.href} answered HTTP ${response.status}${response.status === 404 ? ' (not found)' : ''}.`);
  }
  // A wrong address can serve anything, of any size: refuse a huge body before reading it.
  try {
    checkModelJsonSize(Number(response.headers.get('content-length')) || 0, url.href);
  } catch (error) {
    void response.body?.cancel().catch(() => undefined); // stop the download too
    throw error;
  }
  return parseModelJsonText(await response.text(), url.href);
}

/** Facts of a model.json that must be an image classifier; throws a clear `model-invalid` otherwise. */
export function classifierFacts(json: unknown): ModelJsonFacts {
  const facts = analyzeModelJson(json);
  const problems = classifierProblems(facts);
  if (problems.length > 0) throw new LumenError('model-invalid', `This model is not an image classifier: ${problems.join('; ')}.`);
  return facts;
}

export interface PickedFiles {
  modelJson: File;
  facts: ModelJsonFacts;
  /** Weight shards in weightsManifest order (what tf.io.browserFiles expects after model.json). */
  shards: File[];
  labels: File | null;
  /** Dropped files that are none of the above (README, SOURCE.md, …). */
  ignored: string[];
}

const isText = (file: File): boolean => /\.(json|txt)$/i.test(file.name);

/** The first few names, then how many more: a 55-shard model should not fill the screen. */
export function listSome(names: readonly string[], shown = 5): string {
  return names.length <= shown + 1 ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/** Sorts dropped files into model.json, its shards and an optional labels file. */
export async function pickModelFiles(files: readonly File[]): Promise<PickedFiles> {
  let modelJson: File | null = null;
  let json: unknown = null;
  /** Why a file that looks like model.json (by name) was not taken: it is told if no model.json is found. */
  let rejected: string | null = null;
  for (const file of files.filter((f) => /\.json$/i.test(f.name))) {
    const looksLikeModel = /model.*\.json$/i.test(file.name);
    if (file.size > MAX_MODEL_JSON_BYTES) {
      if (looksLikeModel) checkModelJsonSize(file.size, file.name);
      continue; // a labels file is never that big either: not worth reading
    }
    try {
      const parsed = parseModelJsonText(await file.text(), file.name);
      if (typeof parsed === 'object' && parsed !== null && 'modelTopology' in parsed) {
        modelJson = file;
        json = parsed;
        break;
      }
      if (looksLikeModel) rejected ??= `${file.name} is JSON but has no "modelTopology", so it is not a TF.js model.json.`;
    } catch (error) {
      // not JSON: maybe a labels file with a .json name that is broken; it is reported later if used
      if (looksLikeModel) rejected ??= error instanceof Error ? error.message : String(error);
    }
  }
  if (!modelJson) {
    const why = rejected ?? `None of the ${files.length} dropped file(s) is a TF.js model.json (a JSON file with "modelTopology").`;
    throw new LumenError('model-invalid', `${why} Drop model.json together with its shard files.`);
  }
  const facts = classifierFacts(json);
  const missing = missingShards(
    facts,
    files.map((f) => f.name),
  );
  if (missing.length > 0) {
    throw new LumenError(
      'model-not-found',
      `Missing shard file${missing.length > 1 ? 's' : ''}: ${listSome(missing)}. ${modelJson.name} lists ${facts.weightFiles.length} weight file(s); drop it together with all of them.`,
    );
  }
  const byName = new Map(files.map((f) => [f.name, f]));
  const shards = facts.weightFiles.map((path) => byName.get(path.split('/').at(-1) ?? path)).filter((f): f is File => f !== undefined);
  const used = new Set<File>([modelJson, ...shards]);
  const labels = files.find((f) => !used.has(f) && isText(f)) ?? null;
  if (labels) used.add(labels);
  return { modelJson, facts, shards, labels, ignored: files.filter((f) => !used.has(f)).map((f) => f.name) };
}
