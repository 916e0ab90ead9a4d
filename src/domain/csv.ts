/**
 * CSV as owners actually have it: RFC 4180 quoting, an optional UTF-8 BOM, and either `,` or the
 * `;` that Excel writes in Russian locales (or a tab). Line numbers are the file's own, counted
 * from 1, so an error report points at the line the owner sees in their editor.
 */

export interface CsvRecord {
  /** Line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

type CsvResult =
  | { ok: true; delimiter: string; records: CsvRecord[] }
  | { ok: false; line: number; error: 'unterminatedQuote' | 'badQuote' };

/** Picks the delimiter that occurs most often outside quotes on the first non-empty line. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let seen = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!quoted && ch in counts) counts[ch]! += 1;
    else if (ch.trim() !== '') seen = true;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

export function parseCsv(input: string, delimiter?: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldWasQuoted = false;
  let quoteLine = 1;

  const endRecord = () => {
    fields.push(field);
    // Blank lines are skipped, not reported: spreadsheets often leave them at the end.
    if (!(fields.length === 1 && fields[0]!.trim() === '' && !fieldWasQuoted))
      records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.trim() !== '' || fieldWasQuoted) return { ok: false, line, error: 'badQuote' };
      field = '';
      quoted = true;
      fieldWasQuoted = true;
      quoteLine = line;
    } else if (ch === sep) {
      fields.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (fieldWasQuoted) {
      // Only spaces may follow a closing quote before the delimiter.
      if (ch.trim() !== '') return { ok: false, line, error: 'badQuote' };
    } else field += ch;
  }
  if (quoted) return { ok: false, line: quoteLine, error: 'unterminatedQuote' };
  if (field !== '' || fields.length > 0 || fieldWasQuoted) endRecord();
  return { ok: true, delimiter: sep, records };
}

interface CsvWriteOptions {
  /** `,` by default; `;` is what Excel expects in a Russian locale. */
  separator?: ',' | ';';
  /** Write fractions with a decimal comma (0,25), as a Russian Excel reads numbers. */
  decimalComma?: boolean;
}

/**
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (or a tab or CR it trims),
 * and some also when those come after leading quotes or spaces.
 */
const FORMULA_START = /^[ '"]*[=+\-@\t\r]/;

/** One text cell made inert: an apostrophe in front of anything a spreadsheet would run. */
export function defuseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Writes CSV (CRLF, quotes where needed). Text that a spreadsheet would run as a formula is
 * prefixed with an apostrophe; numbers are written as they are (a negative number stays a number).
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[], options: CsvWriteOptions = {}): string {
  const sep = options.separator ?? ',';
  const needsQuotes = sep === ';' ? /[";\r\n]/ : /[",\r\n]/;
  const cell = (value: string | number | null): string => {
    if (value === null) return '';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      return options.decimalComma ? String(value).replace('.', ',') : String(value);
    }
    const safe = defuseCell(value);
    return needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((row) => row.map(cell).join(sep)).join('\r\n') + '\r\n';
}

// Control characters no spreadsheet writes into a CSV (tab, CR and LF excepted): bytes that decode
// to them are binary, not text. The C1 range matters because 1251 decodes its one unassigned byte,
// 0x98, to U+0098 instead of failing.
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * The text of an uploaded CSV, the same for the page and the API: UTF-8 (a BOM is dropped), else
 * Windows-1251, which Excel in a Russian locale often writes. Null for bytes that are neither.
 */
export function decodeCsvBytes(bytes: Uint8Array): string | null {
  for (const encoding of ['utf-8', 'windows-1251']) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      continue;
    }
    return NOT_TEXT.test(text) ? null : text;
  }
  return null;
}
