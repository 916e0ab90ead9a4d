/**
 * Reviews and orders the owner records by hand or imports from CSV: parsing and validation only.
 * Errors are codes with the field and line, so the page can word them in Russian and the API in
 * English. Pure: no I/O.
 */
import { parseCsv, type CsvRecord } from './csv';
import { isDay } from './period';

const MAX_IMPORT_ROWS = 5000;
const MAX_REVIEW_TEXT = 4000;

export type ImportErrorCode =
  | 'date'
  | 'rating'
  | 'platform'
  | 'location'
  | 'count'
  | 'positive'
  | 'total'
  | 'averageRating'
  | 'from'
  | 'columns'
  | 'empty'
  | 'tooMany'
  | 'csv'
  | 'repeatedDay'
  | 'tooLong';

interface RowError {
  line: number;
  field: string;
  code: ImportErrorCode;
}

/** 'YYYY-MM-DD', 'DD.MM.YYYY' (Russian), optionally followed by a time; anything else is null. */
export function parseDay(raw: string): string | null {
  const value = raw.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(value);
  if (iso) return isDay(iso[1]!) ? iso[1]! : null;
  const ru = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ ,T].*)?$/.exec(value);
  if (ru) {
    const day = `${ru[3]}-${ru[2]!.padStart(2, '0')}-${ru[1]!.padStart(2, '0')}`;
    return isDay(day) ? day : null;
  }
  return null;
}

/** A star rating 1-5: "5", "4.0", "4,0" or stars "★★★★"; halves are not ratings. */
export function parseRating(raw: string): number | null {
  const value = raw.trim();
  if (/^★{1,5}$/.test(value)) return value.length;
  const m = /^([1-5])(?:[.,]0+)?$/.exec(value);
  return m ? Number(m[1]) : null;
}

const PLATFORM_ALIASES: Record<string, string> = {
  yandex_maps: 'yandex_maps',
  'яндекс карты': 'yandex_maps',
  'яндекс.карты': 'yandex_maps',
  'yandex maps': 'yandex_maps',
  yandex: 'yandex_maps',
  яндекс: 'yandex_maps',
  yandex_market: 'yandex_market',
  'яндекс маркет': 'yandex_market',
  'яндекс.маркет': 'yandex_market',
  'yandex market': 'yandex_market',
  '2gis': '2gis',
  '2гис': '2gis',
  дубльгис: '2gis',
  google_maps: 'google_maps',
  'google карты': 'google_maps',
  'google maps': 'google_maps',
  google: 'google_maps',
  гугл: 'google_maps',
};

/** Known platforms get their code; any other name up to 40 characters is kept as written. */
export function normalizePlatform(raw: string): string | null {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '' || value.length > 40) return null;
  return PLATFORM_ALIASES[value.toLowerCase()] ?? value;
}

/**
 * Header names accepted for each column, compared after `headerKey` (case, ё, spaces and trailing
 * punctuation do not matter). Shown on the import page, so owners see what a file may call them.
 */
export const HEADER_SYNONYMS: Record<string, readonly string[]> = {
  date: [
    'дата',
    'дата отзыва',
    'день',
    'дата публикации',
    'дата и время',
    'date',
    'day',
    'review date',
    'created',
    'created at',
    'published',
  ],
  rating: [
    'оценка',
    'звёзды',
    'звезды',
    'звёзд',
    'количество звёзд',
    'рейтинг',
    'балл',
    'баллы',
    'rating',
    'stars',
    'score',
    'rate',
  ],
  platform: ['площадка', 'источник', 'сервис', 'сайт', 'platform', 'source', 'site', 'service'],
  author: ['автор', 'имя', 'клиент', 'пользователь', 'author', 'name', 'reviewer', 'customer'],
  text: ['текст', 'отзыв', 'текст отзыва', 'комментарий', 'text', 'review', 'review text', 'comment'],
  location: ['точка', 'код точки', 'филиал', 'магазин', 'заведение', 'location', 'branch', 'store', 'shop', 'outlet'],
  count: [
    'заказы',
    'заказов',
    'кол-во заказов',
    'количество заказов',
    'число заказов',
    'количество',
    'кол-во',
    'orders',
    'orders count',
    'number of orders',
    'count',
  ],
};

/** A header as compared: lower case, ё as е, single spaces, no quotes, stars or trailing colon. */
export function headerKey(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[_\u00a0]/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*:."«»]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const HEADER_KEYS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(HEADER_SYNONYMS).map(([key, names]) => [key, new Set(names.map(headerKey))]),
);

/** The column a header names, or null: `columnOf('Дата отзыва')` is 'date'. */
export function columnOf(header: string): string | null {
  const key = headerKey(header);
  for (const [column, names] of Object.entries(HEADER_KEYS)) if (names.has(key)) return column;
  return null;
}

/** Column positions from a header row, or null when the first row is data. */
function readHeader(record: CsvRecord, wanted: string[]): Record<string, number> | null {
  const columns: Record<string, number> = {};
  record.fields.forEach((field, index) => {
    const column = columnOf(field);
    if (column !== null && wanted.includes(column) && !(column in columns)) columns[column] = index;
  });
  return Object.keys(columns).length > 0 ? columns : null;
}

interface Table {
  columns: Record<string, number>;
  records: CsvRecord[];
}

/** Parses the CSV and finds the columns: by header names, else in the documented order. */
function readTable(text: string, order: string[], required: string[]): { table: Table } | { errors: RowError[] } {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { errors: [{ line: parsed.line, field: 'file', code: 'csv' }] };
  if (parsed.records.length === 0) return { errors: [{ line: 1, field: 'file', code: 'empty' }] };
  const header = readHeader(parsed.records[0]!, order);
  // A first row of words none of which is a known header: name the first missing column rather
  // than report its cells as bad data.
  if (
    !header &&
    parseDay(parsed.records[0]!.fields[0] ?? '') === null &&
    /\p{L}{3}/u.test(parsed.records[0]!.fields.join(' '))
  ) {
    return { errors: [{ line: 1, field: required[0]!, code: 'columns' }] };
  }
  const columns = header ?? Object.fromEntries(order.map((key, i) => [key, i]));
  const missing = required.filter((key) => !(key in columns));
  if (missing.length > 0) return { errors: [{ line: 1, field: missing[0]!, code: 'columns' }] };
  const records = header ? parsed.records.slice(1) : parsed.records;
  if (records.length === 0) return { errors: [{ line: 2, field: 'file', code: 'empty' }] };
  if (records.length > MAX_IMPORT_ROWS)
    return { errors: [{ line: records[MAX_IMPORT_ROWS]!.line, field: 'file', code: 'tooMany' }] };
  return { table: { columns, records } };
}

const cell = (record: CsvRecord, columns: Record<string, number>, key: string) =>
  columns[key] === undefined ? '' : (record.fields[columns[key]!] ?? '').trim();

interface ReviewRow {
  line: number;
  /** A location slug from the file, or null to use the one chosen for the import. */
  location: string | null;
  day: string;
  rating: number;
  platform: string;
  author: string | null;
  text: string | null;
}

/** One review a row: date, rating, platform, optional author and text (and location). */
export function parseReviewsCsv(text: string): { rows: ReviewRow[]; errors: RowError[] } {
  const read = readTable(
    text,
    ['date', 'rating', 'platform', 'author', 'text', 'location'],
    ['date', 'rating', 'platform'],
  );
  if ('errors' in read) return { rows: [], errors: read.errors };
  const { columns, records } = read.table;
  const rows: ReviewRow[] = [];
  const errors: RowError[] = [];
  for (const record of records) {
    const day = parseDay(cell(record, columns, 'date'));
    const rating = parseRating(cell(record, columns, 'rating'));
    const platform = normalizePlatform(cell(record, columns, 'platform'));
    const author = cell(record, columns, 'author');
    const body = cell(record, columns, 'text');
    const location = cell(record, columns, 'location');
    if (!day) errors.push({ line: record.line, field: 'date', code: 'date' });
    else if (rating === null) errors.push({ line: record.line, field: 'rating', code: 'rating' });
    else if (!platform) errors.push({ line: record.line, field: 'platform', code: 'platform' });
    else if (author.length > 200 || body.length > MAX_REVIEW_TEXT)
      errors.push({ line: record.line, field: 'text', code: 'tooLong' });
    else
      rows.push({
        line: record.line,
        location: location || null,
        day,
        rating,
        platform,
        author: author || null,
        text: body || null,
      });
  }
  return { rows, errors };
}

interface OrdersRow {
  line: number;
  location: string | null;
  day: string;
  count: number;
}

const COUNT_RE = /^\d{1,7}$/;

/** One day a row: date, orders count (and optional location); a day may appear once per location. */
export function parseOrdersCsv(text: string): { rows: OrdersRow[]; errors: RowError[] } {
  const read = readTable(text, ['date', 'count', 'location'], ['date', 'count']);
  if ('errors' in read) return { rows: [], errors: read.errors };
  const { columns, records } = read.table;
  const rows: OrdersRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const day = parseDay(cell(record, columns, 'date'));
    const count = cell(record, columns, 'count').replace(/[\s\u00a0]/g, '');
    const location = cell(record, columns, 'location') || null;
    if (!day) errors.push({ line: record.line, field: 'date', code: 'date' });
    else if (!COUNT_RE.test(count)) errors.push({ line: record.line, field: 'count', code: 'count' });
    else if (seen.has(`${location}|${day}`)) errors.push({ line: record.line, field: 'date', code: 'repeatedDay' });
    else {
      seen.set(`${location}|${day}`, record.line);
      rows.push({ line: record.line, location, day, count: Number(count) });
    }
  }
  return { rows, errors };
}

export interface ReviewCountInput {
  from: string | null;
  day: string;
  positive: number;
  total: number | null;
  averageRating: number | null;
}

/** The quick form and the JSON API: a day (or a period ending on it) and its counts. */
export function validateReviewCount(raw: {
  from?: unknown;
  date?: unknown;
  positive?: unknown;
  total?: unknown;
  averageRating?: unknown;
}): { ok: true; value: ReviewCountInput } | { ok: false; field: string; code: ImportErrorCode } {
  const text = (v: unknown) =>
    typeof v === 'string'
      ? v.trim()
      : typeof v === 'number'
        ? String(v)
        : v === undefined || v === null
          ? ''
          : '\u0000';
  const day = parseDay(text(raw.date));
  if (!day) return { ok: false, field: 'date', code: 'date' };
  const fromText = text(raw.from);
  const from = fromText === '' ? null : parseDay(fromText);
  if (fromText !== '' && (!from || from > day)) return { ok: false, field: 'from', code: 'from' };
  const positiveText = text(raw.positive);
  if (!COUNT_RE.test(positiveText)) return { ok: false, field: 'positive', code: 'positive' };
  const positive = Number(positiveText);
  const totalText = text(raw.total);
  if (totalText !== '' && (!COUNT_RE.test(totalText) || Number(totalText) < positive))
    return { ok: false, field: 'total', code: 'total' };
  const ratingText = text(raw.averageRating).replace(',', '.');
  const averageRating = ratingText === '' ? null : Number(ratingText);
  if (averageRating !== null && !(/^\d(\.\d{1,2})?$/.test(ratingText) && averageRating >= 1 && averageRating <= 5)) {
    return { ok: false, field: 'averageRating', code: 'averageRating' };
  }
  return {
    ok: true,
    value: {
      from: from === day ? null : from,
      day,
      positive,
      total: totalText === '' ? null : Number(totalText),
      averageRating,
    },
  };
}

/** The orders quick form and JSON API. */
export function validateOrdersCount(raw: {
  date?: unknown;
  count?: unknown;
}): { ok: true; day: string; count: number } | { ok: false; field: string; code: ImportErrorCode } {
  const day = typeof raw.date === 'string' ? parseDay(raw.date) : null;
  if (!day) return { ok: false, field: 'date', code: 'date' };
  const count =
    typeof raw.count === 'number' ? String(raw.count) : typeof raw.count === 'string' ? raw.count.trim() : '';
  if (!COUNT_RE.test(count)) return { ok: false, field: 'count', code: 'count' };
  return { ok: true, day, count: Number(count) };
}
