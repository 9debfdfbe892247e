/// <reference types="vite/client" />
/**
 * The Transformers.js peer for `npm run bench`: its `image-classification` pipeline on the same
 * Hugging Face folder Lumen runs as hf_mobilenet_v2_100_224 (config.json, preprocessor_config.json,
 * onnx/model.onnx), served locally: no Hub and no CDN (its ONNX Runtime files come from the build).
 * It runs on this page's thread, as its README's browser example does; Lumen's side of the race is
 * its whole classify request to the engine worker.
 */
import ortMjs from '../../../node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from '../../../node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm?url';

export interface PagePeer {
  name: string;
  version: string;
  /** One image in, its top-5 out: the peer's whole pipeline (decode, resize, normalise, run, top-k). */
  classify(image: Blob): Promise<{ label: string; score: number }[]>;
  dispose(): Promise<void>;
}

/** `folder`: the model's folder URL (…/models/hf_mobilenet_v2_100_224/1.0.0/). */
export async function loadTransformersPeer(folder: URL): Promise<PagePeer> {
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // The folder's parent is the "local model path", its last part the model id.
  const parts = folder.pathname.replace(/\/$/, '').split('/');
  const modelId = parts.slice(-2).join('/');
  // A path, not a URL: Transformers.js checks a local file's presence only for paths (an http URL
  // there counts as remote, and remote models are off).
  env.localModelPath = new URL('../..', new URL(`${folder.href.replace(/\/$/, '')}/`)).pathname;
  env.useBrowserCache = false;
  env.useWasmCache = false;
  const onnx = env.backends.onnx;
  if (onnx.wasm) {
    onnx.wasm.wasmPaths = { mjs: new URL(ortMjs, document.baseURI).href, wasm: new URL(ortWasm, document.baseURI).href };
    // Lumen's harness is not cross-origin isolated unless --isolated: one thread either way, as Lumen's.
    onnx.wasm.numThreads = window.crossOriginIsolated ? navigator.hardwareConcurrency : 1;
  }
  const classifier = await pipeline('image-classification', modelId, { device: 'wasm', dtype: 'fp32' });
  return {
    name: 'Transformers.js image-classification pipeline',
    version: env.version,
    async classify(image) {
      const out = await classifier(image, { top_k: 5 });
      return (Array.isArray(out) ? out.flat() : [out]) as { label: string; score: number }[];
    },
    dispose: () => classifier.dispose(),
  };
}
