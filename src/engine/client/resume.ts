/**
 * What to send a new worker after the old one died mid-request: only what was not yet delivered.
 * A classify request goes again with the images that have no item yet, a compare with the models
 * that have no row, a benchmark with the batch sizes not yet done; everything else goes whole.
 * Indices in the resumed request's events are mapped back to the original request's through `remap`.
 */
import { assertNever } from '@/shared/assertNever';
import type { RequestBody, StreamEvent } from '@/engine/shared/protocol';

/** What has come back of a request so far, by the original request's indices. */
export interface Delivered {
  /** Item indices (classify) or row indices (compare) already delivered. */
  indices: Set<number>;
  /** Batch sizes whose 'batch-done' arrived (benchmark). */
  batches: Set<number>;
}

export function newDelivered(): Delivered {
  return { indices: new Set(), batches: new Set() };
}

/** Records a streamed event (already mapped to original indices). */
export function recordDelivery(delivered: Delivered, event: StreamEvent): void {
  if (event.type === 'item' || event.type === 'compare-row') delivered.indices.add(event.index);
  if (event.type === 'batch-done') delivered.batches.add(event.result.batch);
}

export interface Resumed {
  body: RequestBody;
  /** Resumed index → original index; null when indices are unchanged. */
  remap: number[] | null;
  /** Original indices that cannot be sent again (a transferred bitmap is gone with the old worker). */
  lost: number[];
}

function keep<T>(list: readonly T[], delivered: Set<number>): { kept: T[]; remap: number[] } {
  const kept: T[] = [];
  const remap: number[] = [];
  list.forEach((value, index) => {
    if (delivered.has(index)) return;
    kept.push(value);
    remap.push(index);
  });
  return { kept, remap };
}

/**
 * The body to re-send. Null for a live frame (gone with the worker, and stale) and for a benchmark whose every batch size is done (its summary died
 * with the worker and cannot be rebuilt); a classify or compare with nothing left goes with an
 * empty list, so the new worker gives it its terminal event.
 */
export function resumeRequest(body: RequestBody, delivered: Delivered): Resumed | null {
  switch (body.type) {
    case 'classify': {
      const { kept, remap } = keep(body.images, delivered.indices);
      // A bitmap was transferred to the dead worker: it is detached now (0×0) and cannot go again.
      const lost = remap.filter((_, i) => {
        const image = kept[i];
        return image?.kind === 'bitmap' && image.bitmap.width === 0;
      });
      const sendable = kept.map((image, i) => ({ image, original: remap[i] ?? -1 })).filter(({ original }) => !lost.includes(original));
      // Possibly no image left: the new worker still answers, so the request ends as it should.
      return { body: { ...body, images: sendable.map((s) => s.image) }, remap: sendable.map((s) => s.original), lost };
    }
    case 'compare': {
      const { kept, remap } = keep(body.models, delivered.indices);
      return { body: { ...body, models: kept }, remap, lost: [] };
    }
    case 'live-frame':
      // The frame was transferred to the dead worker, and a stale frame is worth nothing: the Live view sends the next.
      return null;
    case 'benchmark': {
      const batches = body.options.batches.filter((b) => !delivered.batches.has(b));
      if (batches.length === 0) return null;
      // The cold start was measured (or lost) with the old worker; a new worker loads the model anyway.
      return { body: { ...body, options: { ...body.options, batches, coldStart: false } }, remap: null, lost: [] };
    }
    case 'init':
    case 'load':
    case 'inspect':
    case 'explain':
    case 'time-backends':
    case 'fault':
      return { body, remap: null, lost: [] };
    case 'teach-embed':
    case 'teach-train':
      // Embeddings are cached by content and a head is quick to teach again: the whole request goes again.
      return { body, remap: null, lost: [] };
    default:
      return assertNever(body, 'request');
  }
}

/** Why a request that resumeRequest will not re-send is given up, in words for its error. */
export function whyNotResumed(body: RequestBody): string {
  return body.type === 'live-frame'
    ? 'with this camera frame; the next frame goes to the new worker'
    : 'after its last result but before its summary; run it again';
}

/** Maps a resumed request's event back to the original indices. */
export function mapEvent(event: StreamEvent, remap: number[] | null): StreamEvent {
  if (!remap || (event.type !== 'item' && event.type !== 'compare-row')) return event;
  return { ...event, index: remap[event.index] ?? event.index };
}
