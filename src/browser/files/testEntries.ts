/**
 * Fake File and Directory Entries for unit tests: a tree of names → contents, read back in small
 * batches like Chromium's readEntries (which gives 100 at a time, then an empty batch).
 */
import type { DirectoryEntryLike, EntryLike, FileEntryLike } from './folderWalk';

export type FakeTree = { [name: string]: string | FakeTree | Error };

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  pdf: 'application/pdf',
};
const typeOf = (name: string): string => TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? '';

export function fakeFile(name: string, content: string | Error): FileEntryLike {
  return {
    isFile: true,
    isDirectory: false,
    name,
    file: (success, failure) =>
      content instanceof Error ? failure?.(new DOMException(content.message, 'NotReadableError')) : success(new File([content], name, { type: typeOf(name) })),
  };
}

export function fakeDirectory(name: string, tree: FakeTree, batchSize = 2): DirectoryEntryLike & { readCalls: number } {
  const children: EntryLike[] = Object.entries(tree).map(([child, value]) =>
    typeof value === 'string' || value instanceof Error ? fakeFile(child, value) : fakeDirectory(child, value, batchSize),
  );
  const directory = {
    isFile: false,
    isDirectory: true,
    name,
    readCalls: 0,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (success: (entries: EntryLike[]) => void) => {
          directory.readCalls += 1;
          const batch = children.slice(offset, offset + batchSize);
          offset += batch.length;
          setTimeout(() => success(batch), 0); // asynchronous, as in the browser
        },
      };
    },
  };
  return directory;
}
