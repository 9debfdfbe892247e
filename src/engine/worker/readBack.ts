/**
 * The one way a worker reads a model's output back to the CPU: the tensor is disposed in a
 * finally, so a read-back that throws (out of memory, a lost GPU: exactly the retry paths) leaves
 * no tensor behind. Model outputs are float32, so the values come back as a Float32Array.
 */
import type * as tfTypes from '@tensorflow/tfjs';

export interface ReadBack {
  values: Float32Array;
  /** The tensor's shape, read before it was disposed. */
  shape: number[];
}

/** Reads `tensor` back and disposes it, whether or not the read succeeds. */
export async function readBack(tensor: tfTypes.Tensor): Promise<ReadBack> {
  try {
    const values = await tensor.data<'float32'>();
    return { values, shape: [...tensor.shape] };
  } finally {
    tensor.dispose();
  }
}

/** Several tensors read back together (explain: features and gradients); every one is disposed whatever happens. */
export async function readBackAll<const T extends readonly tfTypes.Tensor[]>(tensors: T): Promise<{ -readonly [K in keyof T]: ReadBack }> {
  try {
    const read = await Promise.all(tensors.map(async (tensor) => ({ values: await tensor.data<'float32'>(), shape: [...tensor.shape] })));
    return read as { -readonly [K in keyof T]: ReadBack };
  } finally {
    for (const tensor of tensors) tensor.dispose();
  }
}
