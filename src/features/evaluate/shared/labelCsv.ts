/**
 * Reads the labels CSV a person may put in their folder ("file,label" per image). RFC 4180 quoting
 * (quoted fields with commas, newlines and doubled quotes), CRLF or LF, and a UTF-8 BOM (Excel
 * writes one) are accepted. A bad line is reported with its number and skipped, never thrown: one
 * typo should cost one image, not the whole evaluation.
 */

export interface LabelCsvRow {
  file: string;
  label: string;
  /** 1-based line the row starts on. */
  line: number;
}

export interface CsvLineError {
  line: number;
  message: string;
}

export interface LabelCsv {
  rows: LabelCsvRow[];
  errors: CsvLineError[];
}

/** Accepted header names, most specific first. class_index is how Lumen's own eval sets name it. */
const FILE_COLUMNS = ['file', 'filename', 'path'] as const;
const LABEL_COLUMNS = ['label', 'class', 'class_index'] as const;

export interface CsvRecord {
  cells: string[];
  line: number;
  /** The record ran to the end of the text inside a quoted field. */
  unterminated: boolean;
}

/**
 * Splits text into records. A quote opens a quoted field only at the start of a field (spaces
 * before it are dropped); elsewhere, and after a closing quote, it is kept as text, the lenient
 * reading spreadsheet programs take of hand-edited files.
 */
export function splitCsvRecords(text: string): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = (): void => {
    cells.push(cell);
    records.push({ cells, line: recordLine, unterminated: false });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += ch;
  }
  if (quoted) {
    cells.push(cell);
    records.push({ cells, line: recordLine, unterminated: true });
  } else if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

function findColumn(header: readonly string[], names: readonly string[]): number {
  const normalized = header.map((name) => name.trim().toLowerCase());
  for (const name of names) {
    const at = normalized.indexOf(name);
    if (at >= 0) return at;
  }
  return -1;
}

const isBlank = (record: CsvRecord): boolean => record.cells.every((cell) => cell.trim() === '');

/** Rows of a labels CSV whose header names a file column and a label column (any order, any case; other columns ignored). */
export function parseLabelCsv(text: string): LabelCsv {
  const records = splitCsvRecords(text).filter((record) => !isBlank(record));
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, message: 'the CSV is empty' }] };
  const fileColumn = findColumn(header.cells, FILE_COLUMNS);
  const labelColumn = findColumn(header.cells, LABEL_COLUMNS);
  if (fileColumn < 0 || labelColumn < 0) {
    const found = header.cells.map((name) => `"${name.trim()}"`).join(', ');
    const message = `the header needs a "file" (or "filename", "path") column and a "label" (or "class") column; it has ${found}`;
    return { rows: [], errors: [{ line: header.line, message }] };
  }
  const rows: LabelCsvRow[] = [];
  const errors: CsvLineError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { cells, line, unterminated } of body) {
    const fail = (message: string): void => {
      errors.push({ line, message });
    };
    if (unterminated) {
      fail('a quoted field is never closed');
      continue;
    }
    const needed = Math.max(fileColumn, labelColumn) + 1;
    if (cells.length < needed) {
      fail(`expected at least ${needed} fields, found ${cells.length}`);
      continue;
    }
    const file = (cells[fileColumn] ?? '').trim();
    const label = (cells[labelColumn] ?? '').trim();
    const earlier = firstLineOf.get(file);
    if (file === '') fail('the file name is empty');
    else if (label === '') fail(`no label for "${file}"`);
    else if (earlier !== undefined) fail(`"${file}" is listed again (first on line ${earlier}); the first row counts`);
    else {
      firstLineOf.set(file, line);
      rows.push({ file, label, line });
    }
  }
  return { rows, errors };
}
