/**
 * The two heads as TF.js layers models on [N, dim] unit embeddings, so both are stored, exported
 * and loaded back the same way (model.json + one weights buffer):
 * - kNN: Dense(examples, softmax, kernel = T · examplesᵀ) then Dense(classes, kernel = one-hot
 *   labels): exactly features/teach/shared/knn.ts's soft vote;
 * - dense: [Dense(hidden, relu), Dropout] then Dense(classes, softmax), trained with Adam.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { LumenError } from '@/shared/errors';
import type { DenseOptions, EmbeddingSet, HeadArtifacts, TeachEpoch } from '@/features/teach/shared/teach';

type TF = typeof tfTypes;

export function knnHead(tf: TF, train: EmbeddingSet, classes: number, temperature: number): tfTypes.LayersModel {
  const n = train.vectors.length;
  const dim = train.vectors[0]?.length ?? 0;
  const model = tf.sequential({ name: 'lumen_knn_head' });
  model.add(tf.layers.dense({ name: 'knn_similarity', inputShape: [dim], units: n, useBias: false, activation: 'softmax' }));
  model.add(tf.layers.dense({ name: 'knn_vote', units: classes, useBias: false }));
  const kernel = new Float32Array(dim * n);
  train.vectors.forEach((v, j) => {
    for (let i = 0; i < dim; i++) kernel[i * n + j] = temperature * (v[i] ?? 0);
  });
  const votes = new Float32Array(n * classes);
  train.labels.forEach((label, j) => {
    votes[j * classes + label] = 1;
  });
  const weights = [tf.tensor2d(kernel, [dim, n]), tf.tensor2d(votes, [n, classes])];
  model.getLayer('knn_similarity').setWeights([weights[0] as tfTypes.Tensor]);
  model.getLayer('knn_vote').setWeights([weights[1] as tfTypes.Tensor]);
  tf.dispose(weights);
  return model;
}

export function denseHead(tf: TF, dim: number, classes: number, options: DenseOptions): tfTypes.LayersModel {
  const model = tf.sequential({ name: 'lumen_dense_head' });
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: options.seed + offset });
  if (options.hidden > 0) {
    model.add(tf.layers.dense({ name: 'hidden', inputShape: [dim], units: options.hidden, activation: 'relu', kernelInitializer: init(0) }));
    model.add(tf.layers.dropout({ name: 'dropout', rate: options.dropout, seed: options.seed }));
  }
  model.add(
    tf.layers.dense({
      name: 'classes',
      ...(options.hidden > 0 ? {} : { inputShape: [dim] }),
      units: classes,
      activation: 'softmax',
      kernelInitializer: init(1),
    }),
  );
  return model;
}

export interface TrainHooks {
  onEpoch(epoch: TeachEpoch): void;
  isCancelled(): boolean;
  /** A macrotask turn, so a cancel message can arrive between batches. */
  yieldToEvents(): Promise<void>;
}

/** Trains a dense head in place; throws `cancelled` when asked to stop between batches. */
export async function trainDense(
  tf: TF,
  model: tfTypes.LayersModel,
  train: EmbeddingSet,
  test: EmbeddingSet,
  classes: number,
  options: DenseOptions,
  hooks: TrainHooks,
): Promise<void> {
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const toTensors = (set: EmbeddingSet): [tfTypes.Tensor2D, tfTypes.Tensor2D] => {
    const dim = set.vectors[0]?.length ?? 0;
    const flat = new Float32Array(set.vectors.length * dim);
    set.vectors.forEach((v, i) => flat.set(v, i * dim));
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(set.labels, 'int32'), classes).toFloat() as tfTypes.Tensor2D);
    return [tf.tensor2d(flat, [set.vectors.length, dim]), ys];
  };
  const [xs, ys] = toTensors(train);
  const validation = test.vectors.length > 0 ? toTensors(test) : null;
  let stopped = false;
  try {
    await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      shuffle: true,
      ...(validation ? { validationData: [validation[0], validation[1]] as [tfTypes.Tensor, tfTypes.Tensor] } : {}),
      verbose: 0,
      callbacks: {
        onBatchEnd: async () => {
          await hooks.yieldToEvents();
          if (hooks.isCancelled()) {
            stopped = true;
            model.stopTraining = true;
          }
        },
        onEpochEnd: async (epoch, logs) => {
          hooks.onEpoch({
            epoch: epoch + 1,
            epochs: options.epochs,
            loss: logs?.['loss'] ?? Number.NaN,
            accuracy: logs?.['acc'] ?? logs?.['accuracy'] ?? Number.NaN,
            valLoss: validation ? (logs?.['val_loss'] ?? null) : null,
            valAccuracy: validation ? (logs?.['val_acc'] ?? logs?.['val_accuracy'] ?? null) : null,
          });
        },
      },
    });
  } finally {
    tf.dispose([xs, ys, ...(validation ?? [])]);
    // The model does not own an optimizer it was handed: its Adam moments are disposed here.
    optimizer.dispose();
  }
  if (stopped) throw new LumenError('cancelled', 'Training was cancelled.');
}

function joined(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  const out = new Uint8Array(data.reduce((sum, b) => sum + b.byteLength, 0));
  let offset = 0;
  for (const buffer of data) {
    out.set(new Uint8Array(buffer), offset);
    offset += buffer.byteLength;
  }
  return out.buffer;
}

/** The head's model.json topology and weights, as stored and exported. */
export async function headArtifacts(tf: TF, model: tfTypes.LayersModel): Promise<HeadArtifacts> {
  let saved: tfTypes.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tfTypes.io.ModelArtifacts | null;
  if (!artifacts?.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) throw new LumenError('internal', 'The head could not be saved.');
  return {
    modelTopology: artifacts.modelTopology as object,
    weightSpecs: artifacts.weightSpecs.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' as const })),
    weightData: joined(artifacts.weightData as ArrayBuffer | ArrayBuffer[]),
  };
}

export function loadHead(tf: TF, head: HeadArtifacts): Promise<tfTypes.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: head.modelTopology, weightSpecs: head.weightSpecs, weightData: head.weightData }));
}
