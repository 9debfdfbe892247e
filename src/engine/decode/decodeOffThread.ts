/**
 * Decoding in a second worker (decodeWorker.ts), so the TF.js worker's thread only normalises and
 * runs the model: the decode worker decodes, reads the pixels and resizes them to the model's input,
 * and with the pipeline (lib/batches/pipeline) it does so for the next batch on another core while
 * this one is in the model. Falls back to decoding on this thread (the resize then runs as TF.js
 * ops) where a worker cannot start one, for bitmap inputs, and for good once the decode worker has died.
 */
import { boundedDecoder, type Decoder, type DecodedImage } from '@/engine/worker/predict';
import { ImageDecodeError } from './decode';
import type { ImageInput } from '@/engine/shared/protocol';
import type { DecodeAnswer, DecodeJob } from './decodeMessages';
import { assertNever } from '@/shared/assertNever';

/** What is used of the decode worker (tests pass a fake). */
export interface DecodePort {
  postMessage(job: DecodeJob): void;
  onmessage: ((event: { data: DecodeAnswer }) => void) | null;
  onerror: (() => void) | null;
  terminate(): void;
}

export interface OffThreadDeps {
  /** Starts the decode worker; null (or a throw) where none can start. */
  spawn(): DecodePort | null;
  /** Decoding on this thread, the fallback. */
  here(maxSide: number): Decoder;
}

interface Waiting {
  input: ImageInput;
  bound: DecodeBound;
  /** Set once the pixels came: only the thumbnail is awaited then. */
  delivered: boolean;
  resolve(image: DecodedImage): void;
  reject(error: Error): void;
  thumbnail: (blob: Blob | null) => void;
}

/** How a classify request decodes: at most `maxSide` on the longest side, then to `inputSize`. */
export interface DecodeBound {
  maxSide: number;
  /** The model's input, [height, width]. */
  inputSize: readonly [number, number];
}

export function createOffThreadDecoding(deps: OffThreadDeps): (bound: DecodeBound) => Decoder {
  let port: DecodePort | null = null;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const settle = (answer: DecodeAnswer): void => {
    const entry = waiting.get(answer.id);
    if (!entry) return;
    switch (answer.kind) {
      case 'pixels': {
        const { width, height, format, downscaled } = answer;
        const thumbnail = new Promise<Blob | null>((resolve) => (entry.thumbnail = resolve));
        const pixels = { kind: 'float-rgb' as const, data: answer.data, width: answer.pixelWidth, height: answer.pixelHeight };
        entry.delivered = true;
        entry.resolve({ pixels, width, height, format, downscaled, thumbnail: () => thumbnail, close: () => undefined });
        return;
      }
      case 'thumbnail':
        entry.thumbnail(answer.thumbnail);
        waiting.delete(answer.id);
        return;
      case 'error':
        entry.reject(new ImageDecodeError({ code: answer.error.code, message: answer.error.message }, answer.format));
        waiting.delete(answer.id);
        return;
      default:
        assertNever(answer, 'decode answer');
    }
  };

  const open = (): DecodePort | null => {
    if (broken || port) return port;
    try {
      port = deps.spawn();
    } catch {
      port = null;
    }
    if (!port) {
      broken = true;
      return null;
    }
    port.onmessage = ({ data }) => settle(data);
    port.onerror = () => {
      // The decode worker died (or never loaded, say offline before it was cached): this thread
      // decodes from now on, the files it held included, so no image is lost to it.
      broken = true;
      port?.terminate();
      port = null;
      for (const entry of waiting.values()) {
        if (entry.delivered) entry.thumbnail(null);
        else deps.here(entry.bound.maxSide)(entry.input).then(entry.resolve, entry.reject);
      }
      waiting.clear();
    };
    return port;
  };

  return (bound) => {
    const here = deps.here(bound.maxSide);
    return (input) => {
      const target = input.kind === 'blob' ? open() : null;
      if (!target || input.kind !== 'blob') return here(input);
      const id = nextId++;
      return new Promise<DecodedImage>((resolve, reject) => {
        waiting.set(id, { input, bound, delivered: false, resolve, reject, thumbnail: () => undefined });
        target.postMessage({ id, blob: input.blob, name: input.name, maxSide: bound.maxSide, inputSize: [bound.inputSize[0], bound.inputSize[1]] });
      });
    };
  };
}

/** The TF.js worker's decoder for classify: off this thread when it can be, here otherwise. */
export const offThreadDecoder = createOffThreadDecoding({
  spawn: () =>
    typeof Worker === 'undefined'
      ? null
      : (new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module', name: 'lumen-decode' }) as unknown as DecodePort),
  here: boundedDecoder,
});
