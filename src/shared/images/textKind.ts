/**
 * Is the start of a file text (and if so, an SVG drawing)? Text has no NUL bytes, decodes as
 * UTF-8 (a character cut at the end of the sample is fine) and has no control characters but
 * whitespace. UTF-16 text announces itself with a byte-order mark.
 */
import { startsWith } from './bytes';

export type TextKind = 'svg' | 'text' | null;

function decodeUtf8Prefix(bytes: Uint8Array): string | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A multi-byte character may be cut by the sample's end: drop up to 3 trailing bytes.
  for (let cut = 0; cut <= Math.min(3, bytes.length); cut += 1) {
    try {
      return decoder.decode(bytes.subarray(0, bytes.length - cut));
    } catch {
      // try one byte shorter
    }
  }
  return null;
}

export function textKind(bytes: Uint8Array): TextKind {
  if (bytes.length === 0) return null;
  let text: string | null;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  } else {
    if (bytes.includes(0)) return null;
    text = decodeUtf8Prefix(bytes);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are exactly what tells binary from text here
  if (text === null || /[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return null;
  return /<svg[\s>]/i.test(text) && /^\uFEFF?\s*</.test(text) ? 'svg' : 'text';
}
