/**
 * A TFLite model's operators in order (name, op) and its weight count, read straight from its
 * flatbuffer for Inspect: LiteRT.js exposes no graph. The counterpart of onnxOps.ts's readOnnxGraph,
 * giving the same shape (runtimes/runtime.ts's ModelGraph). It follows tensorflow/lite/schema/schema.fbs
 * (tensorflow/compiler/mlir/lite/schema/schema.fbs today) and reads only what it needs, by field id:
 *
 *   Model        { version 0, operator_codes 1, subgraphs 2, description 3, buffers 4 }
 *   OperatorCode { deprecated_builtin_code 0 (int8), custom_code 1, version 2, builtin_code 3 (int32) }
 *   SubGraph     { tensors 0, inputs 1, outputs 2, operators 3, name 4 }
 *   Tensor       { shape 0, type 1, buffer 2 (uint), name 3 }
 *   Operator     { opcode_index 0 (uint), inputs 1, outputs 2 }   (an op is named by its first output)
 *   Buffer       { data 0 ([ubyte]), offset 1 (ulong), size 2 (ulong): the data outside the
 *                  flatbuffer, for models over 2 GB; valid when offset > 1 }
 *
 * Weights are skipped by their vector length, never copied. A malformed file throws
 * LumenError('model-invalid') naming what is wrong (flatbufferWire.ts checks every read).
 */
import { FlatBuffer, type Table } from './flatbufferWire';
import type { GraphNode } from './onnxOps';

export interface TfliteGraph {
  /** The main subgraph's operators in execution order, each named by its first output tensor. */
  nodes: GraphNode[];
  /** Values in the constant tensors (those whose buffer holds data): the weights. */
  parameters: number;
}

/**
 * BuiltinOperator, indexed by code (ADD = 0 … COMPLEX = 207), from schema.fbs. Inspect shows these
 * raw schema names (DEPTHWISE_CONV_2D, not "DepthwiseConv2D"): each runtime's histogram speaks its
 * own format's vocabulary (TF.js's op names such as DepthwiseConv2dNative, ONNX's op_type such as
 * Conv), which do not map one to one, and this name is the one TFLite's converter, its model
 * analyzer and Netron print, so it can be looked up in the schema as it stands.
 */
const BUILTIN_OPERATORS: readonly string[] = (
  'ADD AVERAGE_POOL_2D CONCATENATION CONV_2D DEPTHWISE_CONV_2D DEPTH_TO_SPACE DEQUANTIZE EMBEDDING_LOOKUP FLOOR FULLY_CONNECTED ' +
  'HASHTABLE_LOOKUP L2_NORMALIZATION L2_POOL_2D LOCAL_RESPONSE_NORMALIZATION LOGISTIC LSH_PROJECTION LSTM MAX_POOL_2D MUL RELU RELU_N1_TO_1 ' +
  'RELU6 RESHAPE RESIZE_BILINEAR RNN SOFTMAX SPACE_TO_DEPTH SVDF TANH CONCAT_EMBEDDINGS SKIP_GRAM CALL CUSTOM EMBEDDING_LOOKUP_SPARSE PAD ' +
  'UNIDIRECTIONAL_SEQUENCE_RNN GATHER BATCH_TO_SPACE_ND SPACE_TO_BATCH_ND TRANSPOSE MEAN SUB DIV SQUEEZE UNIDIRECTIONAL_SEQUENCE_LSTM ' +
  'STRIDED_SLICE BIDIRECTIONAL_SEQUENCE_RNN EXP TOPK_V2 SPLIT LOG_SOFTMAX DELEGATE BIDIRECTIONAL_SEQUENCE_LSTM CAST PRELU MAXIMUM ARG_MAX ' +
  'MINIMUM LESS NEG PADV2 GREATER GREATER_EQUAL LESS_EQUAL SELECT SLICE SIN TRANSPOSE_CONV SPARSE_TO_DENSE TILE EXPAND_DIMS EQUAL NOT_EQUAL LOG ' +
  'SUM SQRT RSQRT SHAPE POW ARG_MIN FAKE_QUANT REDUCE_PROD REDUCE_MAX PACK LOGICAL_OR ONE_HOT LOGICAL_AND LOGICAL_NOT UNPACK REDUCE_MIN ' +
  'FLOOR_DIV REDUCE_ANY SQUARE ZEROS_LIKE FILL FLOOR_MOD RANGE RESIZE_NEAREST_NEIGHBOR LEAKY_RELU SQUARED_DIFFERENCE MIRROR_PAD ABS SPLIT_V ' +
  'UNIQUE CEIL REVERSE_V2 ADD_N GATHER_ND COS WHERE RANK ELU REVERSE_SEQUENCE MATRIX_DIAG QUANTIZE MATRIX_SET_DIAG ROUND HARD_SWISH IF WHILE ' +
  'NON_MAX_SUPPRESSION_V4 NON_MAX_SUPPRESSION_V5 SCATTER_ND SELECT_V2 DENSIFY SEGMENT_SUM BATCH_MATMUL PLACEHOLDER_FOR_GREATER_OP_CODES CUMSUM ' +
  'CALL_ONCE BROADCAST_TO RFFT2D CONV_3D IMAG REAL COMPLEX_ABS HASHTABLE HASHTABLE_FIND HASHTABLE_IMPORT HASHTABLE_SIZE REDUCE_ALL ' +
  'CONV_3D_TRANSPOSE VAR_HANDLE READ_VARIABLE ASSIGN_VARIABLE BROADCAST_ARGS RANDOM_STANDARD_NORMAL BUCKETIZE RANDOM_UNIFORM MULTINOMIAL GELU ' +
  'DYNAMIC_UPDATE_SLICE RELU_0_TO_1 UNSORTED_SEGMENT_PROD UNSORTED_SEGMENT_MAX UNSORTED_SEGMENT_SUM ATAN2 UNSORTED_SEGMENT_MIN SIGN BITCAST ' +
  'BITWISE_XOR RIGHT_SHIFT STABLEHLO_LOGISTIC STABLEHLO_ADD STABLEHLO_DIVIDE STABLEHLO_MULTIPLY STABLEHLO_MAXIMUM STABLEHLO_RESHAPE ' +
  'STABLEHLO_CLAMP STABLEHLO_CONCATENATE STABLEHLO_BROADCAST_IN_DIM STABLEHLO_CONVOLUTION STABLEHLO_SLICE STABLEHLO_CUSTOM_CALL ' +
  'STABLEHLO_REDUCE STABLEHLO_ABS STABLEHLO_AND STABLEHLO_COSINE STABLEHLO_EXPONENTIAL STABLEHLO_FLOOR STABLEHLO_LOG STABLEHLO_MINIMUM ' +
  'STABLEHLO_NEGATE STABLEHLO_OR STABLEHLO_POWER STABLEHLO_REMAINDER STABLEHLO_RSQRT STABLEHLO_SELECT STABLEHLO_SUBTRACT STABLEHLO_TANH ' +
  'STABLEHLO_SCATTER STABLEHLO_COMPARE STABLEHLO_CONVERT STABLEHLO_DYNAMIC_SLICE STABLEHLO_DYNAMIC_UPDATE_SLICE STABLEHLO_PAD STABLEHLO_IOTA ' +
  'STABLEHLO_DOT_GENERAL STABLEHLO_REDUCE_WINDOW STABLEHLO_SORT STABLEHLO_WHILE STABLEHLO_GATHER STABLEHLO_TRANSPOSE DILATE ' +
  'STABLEHLO_RNG_BIT_GENERATOR REDUCE_WINDOW STABLEHLO_COMPOSITE COMPLEX'
).split(' ');

/** CUSTOM: the op is named by the operator code's custom_code (e.g. TFLite_Detection_PostProcess). */
const CUSTOM = 32;

/** The op's name: max(deprecated_builtin_code, builtin_code), as schema.fbs says, or its custom code. */
function opName(fb: FlatBuffer, code: Table): string {
  const builtin = Math.max(fb.scalar(code, 0, 'i8', 0), fb.scalar(code, 3, 'i32', 0));
  if (builtin === CUSTOM) return fb.string(code, 1) || 'CUSTOM';
  return BUILTIN_OPERATORS[builtin] ?? `BUILTIN_${builtin}`;
}

/** True when the buffer holds data (buffer 0 is the always-empty sentinel of tensors without). */
function holdsData(fb: FlatBuffer, buffer: Table): boolean {
  if (fb.vector(buffer, 0, 1).length > 0) return true;
  return fb.scalar(buffer, 1, 'u64', 0) > 1 && fb.scalar(buffer, 2, 'u64', 0) > 0;
}

/** A tensor's element count: the product of its shape (1 for a scalar). */
function elementCount(fb: FlatBuffer, tensor: Table, where: string): number {
  return fb.ints(tensor, 0).reduce((count, d) => {
    if (d < 0) fb.fail(`${where} is a constant with an open dimension (${d})`);
    return count * d;
  }, 1);
}

/**
 * The main subgraph's operators and the model's weight count. Weights are counted as the ONNX reader
 * counts initializers: every constant tensor's elements (biases and shape constants included), over
 * all subgraphs, each buffer once (the converter may let two tensors share one).
 */
export function readTfliteGraph(bytes: Uint8Array, name = 'The file'): TfliteGraph {
  const fb = new FlatBuffer(bytes, name);
  const model = fb.root();
  const codes = fb.vector(model, 1, 4);
  const subgraphs = fb.vector(model, 2, 4);
  const buffers = fb.vector(model, 4, 4);
  if (subgraphs.length === 0) fb.fail('it has no subgraph');
  const names = Array.from({ length: codes.length }, (_, i) => opName(fb, fb.tableIn(codes, i)));

  const counted = new Set<number>();
  let parameters = 0;
  let nodes: GraphNode[] = [];
  for (let s = 0; s < subgraphs.length; s++) {
    const subgraph = fb.tableIn(subgraphs, s);
    const tensors = fb.vector(subgraph, 0, 4);
    const tensorNames: string[] = [];
    for (let t = 0; t < tensors.length; t++) {
      const tensor = fb.tableIn(tensors, t);
      // The converter names a fused op's output "own/name;folded/op;…": the first is its own.
      tensorNames.push(fb.string(tensor, 3).split(';')[0] ?? '');
      const buffer = fb.scalar(tensor, 2, 'u32', 0);
      if (buffer >= buffers.length) {
        if (buffer === 0) continue; // a model with no buffers at all holds no weights
        fb.fail(`tensor ${t} of subgraph ${s} refers to buffer ${buffer} of ${buffers.length}`);
      }
      if (counted.has(buffer) || !holdsData(fb, fb.tableIn(buffers, buffer))) continue;
      counted.add(buffer);
      parameters += elementCount(fb, tensor, `tensor ${t} (${tensorNames[t] ?? ''}) of subgraph ${s}`);
    }
    if (s > 0) continue; // only the main subgraph's operators: ONNX's reader lists the main graph's nodes
    const operators = fb.vector(subgraph, 3, 4);
    nodes = Array.from({ length: operators.length }, (_, o) => {
      const operator = fb.tableIn(operators, o);
      const index = fb.scalar(operator, 0, 'u32', 0);
      const type = names[index];
      if (type === undefined) return fb.fail(`operator ${o} has operator code ${index} of ${names.length}`);
      const output = fb.ints(operator, 2)[0];
      if (output !== undefined && (output < -1 || output >= tensorNames.length)) fb.fail(`operator ${o} writes tensor ${output} of ${tensorNames.length}`);
      return { name: output === undefined ? '' : (tensorNames[output] ?? ''), type };
    });
  }
  return { nodes, parameters };
}
