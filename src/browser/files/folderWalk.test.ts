import { describe, expect, it } from 'vitest';
import { readAllEntries, walkFolders } from './folderWalk';
import { fakeDirectory } from './testEntries';

describe('walkFolders', () => {
  it('walks nested folders and gives paths that start at the dropped folder', async () => {
    const holiday = fakeDirectory('holiday', { '2024': { 'cat.jpg': 'a', beach: { 'sea.png': 'b' } }, 'dog.jpg': 'c' });
    const { files, unreadable } = await walkFolders([holiday]);
    expect(files.map((f) => f.path)).toEqual(['holiday/2024/beach/sea.png', 'holiday/2024/cat.jpg', 'holiday/dog.jpg']);
    expect(files.map((f) => f.file.name)).toEqual(['sea.png', 'cat.jpg', 'dog.jpg']);
    expect(unreadable).toEqual([]);
  });

  it('keeps files of the same name in different folders as distinct entries', async () => {
    const a = fakeDirectory('a', { 'cat.jpg': 'one', sub: { 'cat.jpg': 'two' } });
    const b = fakeDirectory('b', { 'cat.jpg': 'three' });
    const { files } = await walkFolders([a, b]);
    expect(files.map((f) => f.path)).toEqual(['a/cat.jpg', 'a/sub/cat.jpg', 'b/cat.jpg']);
    expect(await Promise.all(files.map((f) => f.file.text()))).toEqual(['one', 'two', 'three']);
  });

  it('reads every batch of a big folder until the empty batch', async () => {
    const tree = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`img${i}.jpg`, String(i)]));
    const folder = fakeDirectory('big', tree, 100);
    const { files } = await walkFolders([folder]);
    expect(files).toHaveLength(250);
    expect(folder.readCalls).toBe(4); // 100 + 100 + 50 + the empty batch that says "done"
    // Sorted the way a person sorts: img2 before img10.
    expect(files.slice(0, 3).map((f) => f.path)).toEqual(['big/img0.jpg', 'big/img1.jpg', 'big/img2.jpg']);
  });

  it('counts files the browser will not hand over instead of failing the walk', async () => {
    const folder = fakeDirectory('f', { 'ok.jpg': 'x', 'locked.jpg': new Error('permission denied') });
    const { files, unreadable } = await walkFolders([folder]);
    expect(files.map((f) => f.path)).toEqual(['f/ok.jpg']);
    expect(unreadable).toEqual(['f/locked.jpg']);
  });

  it('walks an empty folder to nothing', async () => {
    expect(await walkFolders([fakeDirectory('empty', {})])).toEqual({ files: [], unreadable: [] });
  });
});

describe('readAllEntries', () => {
  it('rejects when the reader fails', async () => {
    const reader = { readEntries: (_: unknown, failure?: (e: DOMException) => void) => failure?.(new DOMException('gone', 'NotFoundError')) };
    await expect(readAllEntries(reader)).rejects.toThrow('gone');
  });
});
