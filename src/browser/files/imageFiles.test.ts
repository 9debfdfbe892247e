import { describe, expect, it } from 'vitest';
import { IMAGE_ACCEPT, fromFolderPicker, isImageFile, partitionImages, skippedLine } from './imageFiles';

const file = (name: string, type = ''): File => new File(['x'], name, { type });

describe('isImageFile', () => {
  it('takes any image/* type', () => {
    expect(isImageFile('photo', 'image/jpeg')).toBe(true);
    expect(isImageFile('scan.bin', 'image/tiff')).toBe(true);
  });

  it('takes image, TIFF, HEIC and camera-RAW extensions without a type, in any case', () => {
    for (const name of ['a.JPG', 'b.heic', 'c.tif', 'd.CR2', 'e.nef', 'f.dng', 'g.avif', 'h.svg', 'i.webp']) expect(isImageFile(name, ''), name).toBe(true);
  });

  it('keeps every format some browser may decode, so the decoder is asked about each', () => {
    for (const name of ['a.jxl', 'b.HEIF', 'c.hif', 'd.avifs', 'e.jp2', 'f.jxr', 'g.ARW', 'h.orf', 'i.rw2', 'j.raf', 'k.pef', 'l.srw', 'm.cr3']) {
      expect(isImageFile(`folder/${name}`, ''), name).toBe(true);
    }
  });

  it('skips everything else', () => {
    for (const [name, type] of [
      ['notes.txt', 'text/plain'],
      ['clip.mp4', 'video/mp4'],
      ['.DS_Store', ''],
      ['Thumbs.db', ''],
      ['README', ''],
      ['doc.pdf', 'application/pdf'],
      ['jpg', ''],
    ]) {
      expect(isImageFile(name ?? '', type ?? ''), name).toBe(false);
    }
  });
});

describe('IMAGE_ACCEPT', () => {
  it('names the extensions a system dialog may have no image type for, beside image/*', () => {
    const accepted = IMAGE_ACCEPT.split(',');
    for (const entry of ['image/*', '.jxl', '.heic', '.avif', '.tif', '.nef', '.dng', '.cr3', '.arw']) expect(accepted, entry).toContain(entry);
  });
});

describe('partitionImages', () => {
  it('splits images from the rest, keeping order and paths', () => {
    const dropped = [
      { file: file('a.jpg', 'image/jpeg'), path: 'f/a.jpg' },
      { file: file('notes.txt', 'text/plain'), path: 'f/notes.txt' },
      { file: file('raw.CR2'), path: 'f/raw/raw.CR2' },
      { file: file('.DS_Store'), path: 'f/.DS_Store' },
    ];
    const { images, skipped } = partitionImages(dropped);
    expect(images.map((d) => d.path)).toEqual(['f/a.jpg', 'f/raw/raw.CR2']);
    expect(skipped.map((d) => d.path)).toEqual(['f/notes.txt', 'f/.DS_Store']);
  });
});

describe('fromFolderPicker', () => {
  it('uses webkitRelativePath, so equal names in different folders stay apart', () => {
    const picked = ['trip/cat.jpg', 'trip/day2/cat.jpg'].map((path) => {
      const f = file('cat.jpg', 'image/jpeg');
      Object.defineProperty(f, 'webkitRelativePath', { value: path });
      return f;
    });
    expect(fromFolderPicker(picked).map((d) => d.path)).toEqual(['trip/cat.jpg', 'trip/day2/cat.jpg']);
  });

  it('falls back to the name when there is no relative path', () => {
    expect(fromFolderPicker([file('solo.png')]).map((d) => d.path)).toEqual(['solo.png']);
  });
});

describe('skippedLine', () => {
  it('counts skipped files in one line', () => {
    expect(skippedLine(3, 0)).toBe('3 files skipped: not images');
    expect(skippedLine(1, 0)).toBe('1 file skipped: not images');
    expect(skippedLine(0, 2)).toBe('2 files skipped: could not be read from the folder');
    expect(skippedLine(0, 0)).toBeNull();
  });
});
