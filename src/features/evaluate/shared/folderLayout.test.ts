import { describe, expect, it } from 'vitest';
import { findLabelCsv, folderLayout, isImagePath } from './folderLayout';

describe('isImagePath', () => {
  it('goes by the extension, in any case', () => {
    expect(['a.JPG', 'b.jpeg', 'c.heic', 'd/e.TIFF', 'f.svg', 'g.avif'].every(isImagePath)).toBe(true);
    expect(['notes.txt', 'labels.csv', 'README', '.jpg', 'root/.DS_Store', 'jpg'].some(isImagePath)).toBe(false);
  });
});

describe('folderLayout: sub-folders', () => {
  it('labels each image with its parent folder below the dropped one; top-level images get none', () => {
    const layout = folderLayout([
      'root/n01440764/a.jpg',
      'root/cat/b.PNG',
      'root/a/b/c.jpeg',
      'root/top.jpg',
      'root/notes.txt',
      'root/cat/.DS_Store',
      'loose.webp',
    ]);
    expect(layout).toEqual({
      layout: 'subfolders',
      csvPath: null,
      images: [
        { path: 'root/n01440764/a.jpg', label: 'n01440764' },
        { path: 'root/cat/b.PNG', label: 'cat' },
        { path: 'root/a/b/c.jpeg', label: 'b' },
        { path: 'root/top.jpg', label: null },
        { path: 'loose.webp', label: null },
      ],
      nonImages: ['root/notes.txt', 'root/cat/.DS_Store'],
      csvErrors: [],
    });
  });

  it('ignores a CSV that is not at the top level, or one of several there', () => {
    expect(findLabelCsv(['root/sub/labels.csv', 'root/sub/a.jpg'])).toBeNull();
    const two = folderLayout(['root/a.csv', 'root/b.csv', 'root/dog/x.jpg']);
    expect(two.layout).toBe('subfolders');
    expect(two.nonImages).toEqual(['root/a.csv', 'root/b.csv']);
    expect(two.images).toEqual([{ path: 'root/dog/x.jpg', label: 'dog' }]);
  });
});

describe('folderLayout: labels CSV', () => {
  const paths = ['root/labels.csv', 'root/imgs/a.jpg', 'root/imgs/b.jpg', 'root/other/b.jpg', 'root/c.png', 'root/d.gif', 'root/x/notes.md'];
  const csv = [
    'file,label',
    'imgs/a.jpg,cat', // line 2: by path below the dropped folder
    'root/c.png,dog', // 3: by path with the folder's name
    'd.gif,bird', // 4: by a file name only one image has
    'b.jpg,fish', // 5: two images are called b.jpg
    'missing.jpg,cow', // 6
    '.\\imgs\\a.jpg,lion', // 7: Windows spelling of line 2's image
    'other/b.jpg,eel', // 8
    'oops', // 9
  ].join('\n');

  it('matches rows by relative path, else a unique file name, and leaves unnamed images unlabelled', () => {
    expect(findLabelCsv(paths)).toBe('root/labels.csv');
    const layout = folderLayout(paths, csv);
    expect(layout.layout).toBe('csv');
    expect(layout.csvPath).toBe('root/labels.csv');
    expect(layout.images).toEqual([
      { path: 'root/imgs/a.jpg', label: 'cat' },
      { path: 'root/imgs/b.jpg', label: null },
      { path: 'root/other/b.jpg', label: 'eel' },
      { path: 'root/c.png', label: 'dog' },
      { path: 'root/d.gif', label: 'bird' },
    ]);
    expect(layout.nonImages).toEqual(['root/x/notes.md']);
  });

  it('reports bad lines, then rows that name no image, several, or one already labelled', () => {
    expect(folderLayout(paths, csv).csvErrors).toEqual([
      { line: 9, message: 'expected at least 2 fields, found 1' },
      { line: 5, message: '"b.jpg" matches 2 images; give its path, e.g. "root/imgs/b.jpg"' },
      { line: 6, message: 'no image "missing.jpg" in the folder' },
      { line: 7, message: '".\\imgs\\a.jpg" names the same image as line 2; the first row counts' },
    ]);
  });

  it('does not guess between two dropped folders that share a relative path', () => {
    const layout = folderLayout(['root/labels.csv', 'root/x.jpg', 'other/x.jpg'], 'file,label\nx.jpg,cat\nroot/x.jpg,dog');
    expect(layout.csvErrors).toEqual([{ line: 2, message: '"x.jpg" matches 2 images; give its path, e.g. "root/x.jpg"' }]);
    expect(layout.images).toEqual([
      { path: 'root/x.jpg', label: 'dog' },
      { path: 'other/x.jpg', label: null },
    ]);
  });

  it('insists on the CSV text once it has found a CSV', () => {
    expect(() => folderLayout(paths)).toThrow(/labels CSV \(root\/labels.csv\); pass its text/);
  });
});
