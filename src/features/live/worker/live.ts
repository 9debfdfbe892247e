/**
 * One Live-view camera frame through the model: frame → bitmap → the classify path's own
 * preprocessing and forward pass → top-k. No thumbnail and no bounded decode: a camera frame is
 * already small, and a frame rate is made of milliseconds.
 */
import type { BatchInfer, Classifier } from '@/engine/worker/predict';
import type { PixelSource } from '@/engine/worker/preprocess';
import { topK } from '@/shared/models/topk';
import type { LiveFrame, LiveResult } from '@/features/live/shared/messages';

/** A transferred frame as pixels tf.browser.fromPixels reads (it does not take a VideoFrame). */
export interface FramePixels {
  pixels: PixelSource;
  width: number;
  height: number;
  close(): void;
}

export async function framePixels(frame: LiveFrame): Promise<FramePixels> {
  if (frame instanceof ImageBitmap) return { pixels: frame, width: frame.width, height: frame.height, close: () => frame.close() };
  try {
    // The VideoFrame's visible rect, upright; createImageBitmap reads it without a JS-side copy.
    const bitmap = await createImageBitmap(frame);
    return { pixels: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } finally {
    frame.close(); // a VideoFrame holds a camera buffer: the camera stalls if too many stay open
  }
}

export async function classifyFrame(
  model: Pick<Classifier, 'spec' | 'labels'>,
  frame: LiveFrame,
  k: number,
  deps: { infer: BatchInfer; toPixels?: (frame: LiveFrame) => Promise<FramePixels> },
): Promise<LiveResult> {
  const started = performance.now();
  const image = await (deps.toPixels ?? framePixels)(frame);
  try {
    const converted = performance.now() - started;
    const { rows, preprocessMs, batchMs } = await deps.infer([image.pixels]);
    const layout = { classes: model.spec.classes, kerasIndex: model.spec.kerasIndex };
    return {
      predictions: topK(rows[0] ?? new Float32Array(0), k, model.labels, layout),
      preprocessMs: converted + preprocessMs,
      inferMs: batchMs,
      width: image.width,
      height: image.height,
    };
  } finally {
    image.close();
  }
}
