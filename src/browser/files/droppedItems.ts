/**
 * What a drop carried: loose files (each gets a card) and folders (walked; only their images get
 * cards). Entries must be taken while the drop event runs: the DataTransfer is emptied afterwards.
 */
import { partitionImages, type DroppedFile } from './imageFiles';
import { walkFolders, type EntryLike } from './folderWalk';
import type { SkippedFiles } from '@/features/classify/client/resultsSlice';

/** The parts of DataTransfer a drop handler reads; tests dispatch drops with look-alikes. */
export interface DropDataLike {
  readonly items?: ArrayLike<{ readonly kind: string; getAsFile(): File | null; webkitGetAsEntry?(): EntryLike | null }>;
  readonly files?: ArrayLike<File>;
}

export interface DropContents {
  loose: File[];
  folders: EntryLike[];
}

/** Synchronous on purpose: call it inside the drop handler. */
export function takeDropContents(data: DropDataLike): DropContents {
  const items = Array.from(data.items ?? []);
  if (items.length === 0) return { loose: Array.from(data.files ?? []), folders: [] };
  const contents: DropContents = { loose: [], folders: [] };
  for (const item of items) {
    if (item.kind !== 'file') continue; // dragged text or links
    const entry = item.webkitGetAsEntry?.() ?? null;
    if (entry?.isDirectory) {
      contents.folders.push(entry);
      continue;
    }
    const file = item.getAsFile();
    if (file) contents.loose.push(file);
  }
  return contents;
}

/** Loose files as they are, folders walked and filtered: what gets a card and what is only counted. */
export async function resolveDrop({ loose, folders }: DropContents): Promise<{ files: DroppedFile[]; skipped: SkippedFiles }> {
  const walked = folders.length > 0 ? await walkFolders(folders) : { files: [], unreadable: [] };
  const { images, skipped } = partitionImages(walked.files);
  return {
    files: [...loose.map((file) => ({ file, path: file.name || 'pasted image' })), ...images],
    skipped: { notImages: skipped.map((s) => s.path), unreadable: walked.unreadable },
  };
}
