/**
 * Just enough of the protobuf wire format to read an ONNX model (onnxOps.ts) without a copy:
 * fields as [start, end) ranges of the file's own bytes, varints, strings. Pure.
 */

export type Range = [number, number];

export interface Field {
  number: number;
  /** For length-delimited fields: [start, end) of the payload; otherwise null. */
  payload: [number, number] | null;
}

export class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {}

  done(): boolean {
    return this.at >= this.end;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.bytes[this.at++];
      if (byte === undefined || this.at > this.end) throw new Error('truncated varint');
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new Error('varint too long');
  }

  field(): Field & { value: number | null } {
    const key = this.varint();
    const number = Math.floor(key / 8);
    switch (key & 7) {
      case 0:
        return { number, payload: null, value: this.varint() };
      case 1:
        this.at += 8;
        return { number, payload: null, value: null };
      case 2: {
        const length = this.varint();
        const start = this.at;
        this.at += length;
        if (this.at > this.end) throw new Error('truncated field');
        return { number, payload: [start, this.at], value: null };
      }
      case 5:
        this.at += 4;
        return { number, payload: null, value: null };
      default:
        throw new Error(`unsupported wire type ${key & 7}`);
    }
  }
}

export const text = (bytes: Uint8Array, [start, end]: [number, number]): string => new TextDecoder().decode(bytes.subarray(start, end));

export function fieldsOf(bytes: Uint8Array, [start, end]: [number, number], wanted: number): [number, number][] {
  const reader = new Reader(bytes, start, end);
  const out: [number, number][] = [];
  while (!reader.done()) {
    const field = reader.field();
    if (field.number === wanted && field.payload) out.push(field.payload);
  }
  return out;
}

export function firstField(bytes: Uint8Array, range: [number, number], wanted: number): [number, number] | null {
  return fieldsOf(bytes, range, wanted)[0] ?? null;
}

export function varintField(bytes: Uint8Array, [start, end]: [number, number], wanted: number): number | null {
  const reader = new Reader(bytes, start, end);
  let value: number | null = null;
  while (!reader.done()) {
    const field = reader.field();
    if (field.number === wanted && field.value !== null) value = field.value;
  }
  return value;
}
