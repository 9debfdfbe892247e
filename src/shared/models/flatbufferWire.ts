/**
 * A minimal, bounds-checked reader of the FlatBuffers wire format, enough for tfliteGraph.ts (as
 * protobufWire.ts is for the ONNX reader): no generated code and no copy of the bytes.
 *
 * The format, little-endian throughout: the root table's offset is a u32 at byte 0. A table starts
 * with an i32 `soffset`; its vtable is at `table - soffset` and holds u16s: the vtable's size, the
 * table's size, then one offset per field id (0, or a field past the vtable's end: absent, so the
 * schema default). A field that refers to something (table, vector, string) holds a u32 offset from
 * the field's own position; a vector (and a string) there is a u32 length and then its elements.
 * Every read is checked against the file, so a malformed one throws LumenError('model-invalid').
 */
import { LumenError } from '@/shared/errors';

export interface Table {
  readonly at: number;
  readonly vtable: number;
  readonly vtableSize: number;
  readonly tableSize: number;
}

export interface Vector {
  /** Byte position of the first element. */
  readonly start: number;
  readonly length: number;
}

export class FlatBuffer {
  private readonly view: DataView;

  /** `what` names the file in error messages ("bird.tflite is not a valid TFLite model: …"). */
  constructor(
    bytes: Uint8Array,
    private readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get byteLength(): number {
    return this.view.byteLength;
  }

  fail(problem: string): never {
    throw new LumenError('model-invalid', `${this.what} is not a valid TFLite model: ${problem}.`);
  }

  private check(at: number, size: number, what: string): void {
    if (!Number.isInteger(at) || at < 0 || at + size > this.view.byteLength)
      this.fail(`${what} at byte ${at} lies outside the file (${this.view.byteLength} bytes)`);
  }

  u8(at: number): number {
    this.check(at, 1, 'a byte');
    return this.view.getUint8(at);
  }
  i8(at: number): number {
    this.check(at, 1, 'a byte');
    return this.view.getInt8(at);
  }
  u16(at: number): number {
    this.check(at, 2, 'a u16');
    return this.view.getUint16(at, true);
  }
  i32(at: number): number {
    this.check(at, 4, 'an i32');
    return this.view.getInt32(at, true);
  }
  u32(at: number): number {
    this.check(at, 4, 'a u32');
    return this.view.getUint32(at, true);
  }
  /** A u64 as a number (exact below 2^53, which any offset into a browser's file is). */
  u64(at: number): number {
    return this.u32(at) + this.u32(at + 4) * 2 ** 32;
  }

  /** The table a u32 offset at `at` points to, its vtable checked. */
  tableAt(at: number): Table {
    const table = at + this.u32(at);
    const vtable = table - this.i32(table);
    const vtableSize = this.u16(vtable);
    const tableSize = this.u16(vtable + 2);
    if (vtableSize < 4 || vtableSize % 2 !== 0) this.fail(`the vtable at byte ${vtable} has a size of ${vtableSize}`);
    this.check(vtable, vtableSize, 'a vtable');
    if (tableSize < 4) this.fail(`the table at byte ${table} has a size of ${tableSize}`);
    this.check(table, tableSize, 'a table');
    return { at: table, vtable, vtableSize, tableSize };
  }

  root(): Table {
    if (this.view.byteLength < 8) this.fail(`it is ${this.view.byteLength} bytes long`);
    return this.tableAt(0);
  }

  /** Where field `id` of `table` lies (its `size` bytes within the table), or null when absent. */
  field(table: Table, id: number, size: number): number | null {
    const entry = 4 + 2 * id;
    if (entry + 2 > table.vtableSize) return null;
    const offset = this.u16(table.vtable + entry);
    if (offset === 0) return null;
    if (offset + size > table.tableSize) this.fail(`field ${id} of the table at byte ${table.at} runs past its end`);
    return table.at + offset;
  }

  scalar(table: Table, id: number, read: 'u8' | 'i8' | 'u32' | 'i32' | 'u64', fallback: number): number {
    const at = this.field(table, id, read === 'u64' ? 8 : read === 'u32' || read === 'i32' ? 4 : 1);
    return at === null ? fallback : this[read](at);
  }

  /** A vector field of elements `elementSize` bytes wide; absent reads as empty. */
  vector(table: Table, id: number, elementSize: number): Vector {
    const at = this.field(table, id, 4);
    if (at === null) return { start: 0, length: 0 };
    const vector = at + this.u32(at);
    const length = this.u32(vector);
    this.check(vector + 4, length * elementSize, `a vector of ${length} elements`);
    return { start: vector + 4, length };
  }

  /** Element `i` of a vector of tables. */
  tableIn(vector: Vector, i: number): Table {
    return this.tableAt(vector.start + 4 * i);
  }

  ints(table: Table, id: number): number[] {
    const vector = this.vector(table, id, 4);
    return Array.from({ length: vector.length }, (_, i) => this.i32(vector.start + 4 * i));
  }

  /** A string field as UTF-8 text; absent reads as ''. */
  string(table: Table, id: number): string {
    const { start, length } = this.vector(table, id, 1);
    return new TextDecoder().decode(new Uint8Array(this.view.buffer, this.view.byteOffset + start, length));
  }
}
