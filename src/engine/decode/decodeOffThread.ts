/**
 * Decoding in a second worker (decodeWorker.ts), so the TF.js worker's thread only normalises and
 * runs the model: the decode worker decodes, reads the pixels and resizes them to the model's input,
 * and with the pipeline (features/classify/shared/pipeline.ts) it does so for the next batch on another core while
 * this one is in the model. Falls back to decoding on this thread (the resize then runs as TF.js
 * ops) where a worker cannot start one, for bitmap inputs, and for good once the decode worker has died.
 * Its death is known as the TF.js worker's is (engine/shared/liveness.ts): it holds a Web Lock, watched here.
 */
import { boundedDecoder, type Decoder, type DecodedImage } from '@/engine/worker/predict';
import { ImageDecodeError } from './decode';
import type { ImageInput } from '@/engine/shared/types';
import type { DecodeAnswer, DecodeBound, DecodeEvent, DecodeJob } from './decodeMessages';
import { modelInputDecoder } from './modelInput';
import { isActiveCorruption } from '@/features/evaluate/shared/corruptModelInput';
import { LumenError } from '@/shared/errors';

export type { DecodeBound };
import { watchLifeLock } from '@/engine/shared/liveness';
import { assertNever } from '@/shared/assertNever';

/** What is used of the decode worker (tests pass a fake). */
export interface DecodePort {
  postMessage(job: DecodeJob): void;
  onmessage: ((event: { data: DecodeEvent }) => void) | null;
  onerror: (() => void) | null;
  /** An answer that could not be read: which image it was for is lost with it. */
  onmessageerror?: (() => void) | null;
  terminate(): void;
}

export interface OffThreadDeps {
  /** Starts the decode worker named `name` (it holds the life lock of that name); null (or a throw) where none can start. */
  spawn(name: string): DecodePort | null;
  /** Decoding on this thread, the fallback. */
  here(maxSide: number): Decoder;
  /**
   * Decoding on this thread straight to the model's input with the bound's corruption, the
   * fallback for a corrupted request (modelInput.ts). Absent (tests): such an image fails with
   * an error rather than being scored clean as if it had been corrupted.
   */
  hereWithCorruption?(bound: DecodeBound): Decoder;
  /** Calls `onDeath` once the holder of the life lock `name` is gone (engine/shared/liveness.ts; tests pass a fake). */
  watchLife?(name: string, onDeath: () => void): void;
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

/** Unique in the origin: Web Lock names are shared by every tab and worker of it. */
const lockName = (): string => `lumen-decode-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export function createOffThreadDecoding(deps: OffThreadDeps): (bound: DecodeBound) => Decoder {
  const watchLife = deps.watchLife ?? watchLifeLock;
  let port: DecodePort | null = null;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const noCorruptionHere: Decoder = async (input) => {
    throw new LumenError(
      'decode-failed',
      `${input.name}: the corruption could not be applied (no decode worker, and no way to corrupt here), so it is not scored.`,
    );
  };
  /** This thread's decoder for a bound: the bitmap fallback when clean, the input-size one when corrupted. */
  const hereFor = (bound: DecodeBound): Decoder => {
    if (!isActiveCorruption(bound.corruption)) return deps.here(bound.maxSide);
    return deps.hereWithCorruption?.(bound) ?? noCorruptionHere;
  };

  const decodeHere = (entry: Waiting): void => {
    hereFor(entry.bound)(entry.input).then(entry.resolve, entry.reject);
  };

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
        waiting.delete(answer.id);
        entry.thumbnail(answer.thumbnail);
        return;
      case 'error':
        waiting.delete(answer.id);
        // After the pixels only the thumbnail was left to fail: the image stands, without one.
        if (entry.delivered) entry.thumbnail(null);
        else entry.reject(new ImageDecodeError({ code: answer.error.code, message: answer.error.message }, answer.format));
        return;
      default:
        assertNever(answer, 'decode answer');
    }
  };

  // The decode worker died (an error, or silently: killed, its lock released), never loaded (say
  // offline before it was cached), or garbled an answer: this thread decodes from now on, the
  // files it held included, so no image is lost to it and no promise is left pending.
  const giveUp = (dead: DecodePort): void => {
    if (port !== dead) return; // already given up on
    broken = true;
    port = null;
    dead.terminate();
    const held = [...waiting.values()];
    waiting.clear();
    for (const entry of held) {
      if (entry.delivered) entry.thumbnail(null);
      else decodeHere(entry);
    }
  };

  const open = (): DecodePort | null => {
    if (broken || port) return port;
    const name = lockName();
    let opened: DecodePort | null;
    try {
      opened = deps.spawn(name);
    } catch {
      opened = null;
    }
    if (!opened) {
      broken = true;
      return null;
    }
    const current = opened;
    port = current;
    current.onmessage = ({ data }) => {
      if (data.kind === 'alive') watchLife(name, () => giveUp(current));
      else settle(data);
    };
    current.onerror = () => giveUp(current);
    current.onmessageerror = () => giveUp(current);
    return current;
  };

  return (bound) => {
    const here = hereFor(bound);
    return (input) => {
      const target = input.kind === 'blob' ? open() : null;
      if (!target || input.kind !== 'blob') return here(input);
      const id = nextId++;
      return new Promise<DecodedImage>((resolve, reject) => {
        const entry: Waiting = { input, bound, delivered: false, resolve, reject, thumbnail: () => undefined };
        waiting.set(id, entry);
        try {
          const job: DecodeJob = { id, blob: input.blob, name: input.name, maxSide: bound.maxSide, inputSize: [bound.inputSize[0], bound.inputSize[1]] };
          if (bound.centerCrop) job.centerCrop = bound.centerCrop;
          if (bound.corruption) job.corruption = bound.corruption;
          target.postMessage(job);
        } catch {
          waiting.delete(id); // the job could not be sent: this one decodes here
          decodeHere(entry);
        }
      });
    };
  };
}

/** The TF.js worker's decoder for classify: off this thread when it can be, here otherwise. */
export const offThreadDecoder = createOffThreadDecoding({
  spawn: (name) =>
    typeof Worker === 'undefined' ? null : (new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module', name }) as unknown as DecodePort),
  here: boundedDecoder,
  hereWithCorruption: modelInputDecoder,
});
