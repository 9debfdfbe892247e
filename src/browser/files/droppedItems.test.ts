import { describe, expect, it } from 'vitest';
import { resolveDrop, takeDropContents } from './droppedItems';
import { fakeDirectory, fakeFile } from './testEntries';
import type { EntryLike } from './folderWalk';

const looseItem = (file: File, entry: EntryLike | null = null) => ({ kind: 'file', getAsFile: () => file, webkitGetAsEntry: () => entry });
const folderItem = (entry: EntryLike) => ({ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => entry });

describe('a drop of files and folders', () => {
  it('gives every loose file a card and only the images inside folders', async () => {
    const notes = new File(['n'], 'notes.txt', { type: 'text/plain' });
    const cat = new File(['c'], 'cat.jpg', { type: 'image/jpeg' });
    const holiday = fakeDirectory('holiday', { '2024': { 'cat.jpg': 'x', 'plan.pdf': 'y' }, 'cat.jpg': 'z', '.DS_Store': 'w' });
    const contents = takeDropContents({
      items: [looseItem(cat, fakeFile('cat.jpg', 'c')), folderItem(holiday), looseItem(notes), { kind: 'string', getAsFile: () => null }],
    });
    expect(contents.loose.map((f) => f.name)).toEqual(['cat.jpg', 'notes.txt']);
    const { files, skipped } = await resolveDrop(contents);
    expect(files.map((f) => f.path)).toEqual(['cat.jpg', 'notes.txt', 'holiday/2024/cat.jpg', 'holiday/cat.jpg']);
    expect(skipped).toEqual({ notImages: ['holiday/.DS_Store', 'holiday/2024/plan.pdf'], unreadable: [] });
  });

  it('falls back to dataTransfer.files when there are no items', () => {
    const file = new File(['c'], 'a.png', { type: 'image/png' });
    expect(takeDropContents({ files: [file] }).loose).toEqual([file]);
  });

  it('takes the file of an item whose entry the browser does not give', () => {
    const file = new File(['c'], 'a.png', { type: 'image/png' });
    expect(takeDropContents({ items: [{ kind: 'file', getAsFile: () => file }] }).loose).toEqual([file]);
  });
});
