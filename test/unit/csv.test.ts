import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, defuseCell, detectDelimiter, parseCsv, toCsv } from '../../src/domain/csv';

const fields = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.error);
  return result.records.map((r) => [r.line, ...r.fields]);
};

describe('parseCsv', () => {
  it('reads plain comma-separated rows with their line numbers', () => {
    expect(fields('date,rating\n2026-03-01,5\n2026-03-02,4\n')).toEqual([
      [1, 'date', 'rating'],
      [2, '2026-03-01', '5'],
      [3, '2026-03-02', '4'],
    ]);
  });

  it('detects the semicolon Russian Excel writes, and strips the BOM', () => {
    const result = parseCsv('\uFEFFдата;оценка;площадка\r\n01.03.2026;5;Яндекс Карты\r\n');
    expect(result).toMatchObject({ ok: true, delimiter: ';' });
    expect(fields('\uFEFFдата;оценка\r\n01.03.2026;5\r\n')[0]).toEqual([1, 'дата', 'оценка']);
    expect(detectDelimiter('a\tb\tc\n1,2\t3')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('handles quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = 'a;b;c\n1;"Хорошо; быстро";"Сказал ""спасибо"""\n2;"две\nстроки";x\n3;"";y\n';
    expect(fields(text)).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '1', 'Хорошо; быстро', 'Сказал "спасибо"'],
      [3, '2', 'две\nстроки', 'x'],
      [5, '3', '', 'y'],
    ]);
  });

  it('skips blank lines but keeps empty fields, and reads a last line without a newline', () => {
    expect(fields('a,b\n\n1,\n,2')).toEqual([
      [1, 'a', 'b'],
      [3, '1', ''],
      [4, '', '2'],
    ]);
    expect(fields('')).toEqual([]);
  });

  it('reports broken quoting with the line number', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, line: 2, error: 'unterminatedQuote' });
    expect(parseCsv('a,b\n1,x"y"\n')).toEqual({ ok: false, line: 2, error: 'badQuote' });
    expect(parseCsv('a,b\n1,"x"y\n')).toEqual({ ok: false, line: 2, error: 'badQuote' });
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(
      toCsv([
        ['day', 'text', 'n'],
        ['2026-03-01', 'a, "b"', 0.25],
        ['x', '=HYPERLINK("evil")', -1],
        [null, 'line\nbreak', 3],
      ]),
    ).toBe('day,text,n\r\n2026-03-01,"a, ""b""",0.25\r\nx,"\'=HYPERLINK(""evil"")",-1\r\n,"line\nbreak",3\r\n');
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['a', 'b'],
      ['Привет, мир', 'он сказал "да"'],
      ['', 'x\ny'],
    ];
    const parsed = parseCsv(toCsv(rows));
    expect(parsed.ok && parsed.records.map((r) => r.fields)).toEqual(rows);
  });
});

describe('decoding an uploaded CSV', () => {
  it('reads UTF-8 (dropping a BOM), else Windows-1251', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('дата;5\r\n')]))).toBe(
      'дата;5\r\n',
    );
    expect(decodeCsvBytes(new Uint8Array([0xe4, 0xe0, 0xf2, 0xe0, 0x3b, 0x35, 0x09, 0x0a]))).toBe('дата;5\t\n');
  });

  it('refuses bytes that are neither: unassigned in 1251, or binary', () => {
    expect(decodeCsvBytes(new Uint8Array([0x61, 0x98, 0x0a]))).toBeNull();
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBeNull(); // a zip: an .xlsx sent as CSV
    expect(decodeCsvBytes(new TextEncoder().encode('a,b\u0000\n'))).toBeNull();
  });
});

describe('defusing cells a spreadsheet would run', () => {
  it('prefixes = + - @ tab and CR, also after leading quotes or spaces', () => {
    for (const bad of ['=1+1', '+7 999', '-2', '@SUM(A1)', '\tx', '\rx', ' =1', '  @x', '"=cmd', "'+1", ' "-1']) {
      expect(defuseCell(bad)).toBe(`'${bad}`);
    }
    for (const fine of ['Колобок', '1+1', 'a=b', 'e-mail', '', ' text', '"quoted"'])
      expect(defuseCell(fine)).toBe(fine);
  });

  it('writes the Excel form: semicolons, decimal commas, quotes only where ; " or a newline is', () => {
    expect(
      toCsv(
        [
          ['a', 'b,c', 'd;e', 0.25, -3, '=x'],
          ['"q"', 'x\ny', null, 12, 1e-7, '-1'],
        ],
        { separator: ';', decimalComma: true },
      ),
    ).toBe('a;b,c;"d;e";0,25;-3;\'=x\r\n"""q""";"x\ny";;12;1e-7;\'-1\r\n');
  });
});
