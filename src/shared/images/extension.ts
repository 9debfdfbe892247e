/** The lower-case extension of a file name or path ("holiday/cat.JPG" → "jpg"), or null when it has none. */
export function extensionOf(name: string): string | null {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return null; // ".DS_Store" is a name, not an extension
  return base.slice(dot + 1).toLowerCase();
}
