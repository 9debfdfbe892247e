/**
 * Walks dropped folders through the File and Directory Entries API (DataTransferItem.webkitGetAsEntry).
 * Typed by the few members it uses, so unit tests can walk fake trees and the real FileSystemEntry
 * objects fit as they are.
 */
import type { DroppedFile } from './imageFiles';

export interface EntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
}

export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: DOMException) => void): void;
}

export interface DirectoryReaderLike {
  readEntries(success: (entries: EntryLike[]) => void, failure?: (error: DOMException) => void): void;
}

export interface DirectoryEntryLike extends EntryLike {
  createReader(): DirectoryReaderLike;
}

export interface WalkResult {
  files: DroppedFile[];
  /** Paths the browser would not hand over (permissions, files gone meanwhile). */
  unreadable: string[];
}

/** Deeper than this is a loop or a mistake; nobody keeps photos 64 folders down. */
const MAX_DEPTH = 64;

export const isDirectoryEntry = (entry: EntryLike): entry is DirectoryEntryLike => entry.isDirectory && 'createReader' in entry;
export const isFileEntry = (entry: EntryLike): entry is FileEntryLike => entry.isFile && 'file' in entry;

/**
 * Every entry of a directory. readEntries hands them over in batches (Chromium: 100 at a time)
 * and signals the end with an empty batch, so one call would silently drop the rest of a big folder.
 */
export async function readAllEntries(reader: DirectoryReaderLike): Promise<EntryLike[]> {
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const fileOf = (entry: FileEntryLike): Promise<File> => new Promise((resolve, reject) => entry.file(resolve, reject));
const byName = (a: EntryLike, b: EntryLike): number => a.name.localeCompare(b.name, undefined, { numeric: true });

async function walk(entry: EntryLike, parentPath: string, depth: number, out: WalkResult): Promise<void> {
  const path = parentPath ? `${parentPath}/${entry.name}` : entry.name;
  if (isFileEntry(entry)) {
    try {
      out.files.push({ file: await fileOf(entry), path });
    } catch {
      out.unreadable.push(path);
    }
    return;
  }
  if (!isDirectoryEntry(entry) || depth >= MAX_DEPTH) return;
  let children: EntryLike[];
  try {
    children = await readAllEntries(entry.createReader());
  } catch {
    out.unreadable.push(`${path}/`);
    return;
  }
  // readEntries gives no order; sorted by name ("img2" before "img10") the cards read like the folder.
  for (const child of [...children].sort(byName)) await walk(child, path, depth + 1, out);
}

/** Every file below the given folders, with paths that start at each folder's own name. */
export async function walkFolders(folders: readonly EntryLike[]): Promise<WalkResult> {
  const out: WalkResult = { files: [], unreadable: [] };
  for (const folder of folders) await walk(folder, '', 0, out);
  return out;
}
