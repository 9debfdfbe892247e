/** Bounds-checked reads from the first bytes of a file: out of range gives null, never throws. */

export function ascii(bytes: Uint8Array, at: number, length: number): string {
  if (at < 0 || at + length > bytes.length) return '';
  let text = '';
  for (let i = at; i < at + length; i += 1) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

/** True when `bytes` holds exactly `expected` (numbers, or an ASCII string) at `at`. */
export function startsWith(bytes: Uint8Array, expected: readonly number[] | string, at = 0): boolean {
  const codes = typeof expected === 'string' ? Array.from(expected, (c) => c.charCodeAt(0)) : expected;
  if (at + codes.length > bytes.length) return false;
  return codes.every((code, i) => bytes[at + i] === code);
}

export function u16(bytes: Uint8Array, at: number, littleEndian: boolean): number | null {
  if (at < 0 || at + 2 > bytes.length) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(at, littleEndian);
}

export function u32(bytes: Uint8Array, at: number, littleEndian: boolean): number | null {
  if (at < 0 || at + 4 > bytes.length) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, littleEndian);
}

export function i32(bytes: Uint8Array, at: number, littleEndian: boolean): number | null {
  if (at < 0 || at + 4 > bytes.length) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(at, littleEndian);
}

/** Index of the first occurrence of an ASCII tag at or after `from`, or -1. */
export function indexOfAscii(bytes: Uint8Array, tag: string, from = 0): number {
  const first = tag.charCodeAt(0);
  for (let i = Math.max(0, from); i + tag.length <= bytes.length; i += 1) {
    if (bytes[i] === first && startsWith(bytes, tag, i)) return i;
  }
  return -1;
}
