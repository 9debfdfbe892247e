import { describe, expect, it } from 'vitest';
import { parseLabelCsv, splitCsvRecords } from './labelCsv';

describe('splitCsvRecords', () => {
  it('keeps commas, newlines and doubled quotes inside quoted fields, and counts lines through them', () => {
    const records = splitCsvRecords('a,"b, c"\r\n"say ""hi""","two\nlines"\nlast,x');
    expect(records.map((r) => r.cells)).toEqual([
      ['a', 'b, c'],
      ['say "hi"', 'two\nlines'],
      ['last', 'x'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('drops a BOM, ends without a final newline, and marks an unclosed quote', () => {
    expect(splitCsvRecords('\uFEFFfile,label')[0]?.cells).toEqual(['file', 'label']);
    const records = splitCsvRecords('a,b\n"open,c\nd,e');
    expect(records).toEqual([
      { cells: ['a', 'b'], line: 1, unterminated: false },
      { cells: ['open,c\nd,e'], line: 2, unterminated: true },
    ]);
  });
});

describe('parseLabelCsv', () => {
  it('reads file and label columns in any order, with a BOM, CRLF and extra columns', () => {
    const csv = '\uFEFFLabel,notes,File\r\ntench,"big, green",fish/a.jpg\r\n"golden retriever",,b.png\r\n';
    expect(parseLabelCsv(csv)).toEqual({
      rows: [
        { file: 'fish/a.jpg', label: 'tench', line: 2 },
        { file: 'b.png', label: 'golden retriever', line: 3 },
      ],
      errors: [],
    });
  });

  it('accepts filename/path and class/class_index as the column names', () => {
    expect(parseLabelCsv('filename,class\na.jpg,cat').rows).toEqual([{ file: 'a.jpg', label: 'cat', line: 2 }]);
    expect(parseLabelCsv('path,class_index\na.jpg,281').rows).toEqual([{ file: 'a.jpg', label: '281', line: 2 }]);
    // "file" beats "path" wherever it stands.
    expect(parseLabelCsv('path,label,file\nx/a.jpg,cat,a.jpg').rows[0]?.file).toBe('a.jpg');
  });

  it('reports each bad line with its number and keeps the good ones', () => {
    const csv = ['file,label', 'a.jpg,cat', 'lonely', ',dog', 'c.jpg,', '', 'a.jpg,cow', '"d.jpg",'.concat('"quote ""q"""'), 'e.jpg,"never closed'].join('\n');
    const { rows, errors } = parseLabelCsv(csv);
    expect(rows).toEqual([
      { file: 'a.jpg', label: 'cat', line: 2 },
      { file: 'd.jpg', label: 'quote "q"', line: 8 },
    ]);
    expect(errors).toEqual([
      { line: 3, message: 'expected at least 2 fields, found 1' },
      { line: 4, message: 'the file name is empty' },
      { line: 5, message: 'no label for "c.jpg"' },
      { line: 7, message: '"a.jpg" is listed again (first on line 2); the first row counts' },
      { line: 9, message: 'a quoted field is never closed' },
    ]);
  });

  it('explains a header it cannot use, and an empty file', () => {
    expect(parseLabelCsv('image,target\na.jpg,cat').errors[0]?.message).toMatch(/needs a "file".*it has "image", "target"/);
    expect(parseLabelCsv('\n\n')).toEqual({ rows: [], errors: [{ line: 1, message: 'the CSV is empty' }] });
  });

  it('skips blank lines but keeps counting them', () => {
    expect(parseLabelCsv('\nfile,label\n\n  \na.jpg,cat\n').rows).toEqual([{ file: 'a.jpg', label: 'cat', line: 5 }]);
  });
});
