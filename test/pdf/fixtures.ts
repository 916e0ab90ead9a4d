import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const ROBOTO = join(__dirname, '../../node_modules/@expo-google-fonts/roboto');
export const fonts = {
  regular: new Uint8Array(readFileSync(join(ROBOTO, '400Regular/Roboto_400Regular.ttf'))),
  bold: new Uint8Array(readFileSync(join(ROBOTO, '700Bold/Roboto_700Bold.ttf'))),
};

/** A real RGB PNG: an orange disc on white, `width` x `height` pixels. */
export function pngLogo(width = 120, height = 60): Uint8Array {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 2.2) ** 2;
      const o = y * (width * 3 + 1) + 1 + x * 3;
      rows[o] = 255;
      rows[o + 1] = inside ? 120 : 255;
      rows[o + 2] = inside ? 0 : 255;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

export function writeTemp(pdf: Uint8Array, name = 'cards.pdf'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'si-print-')), name);
  writeFileSync(file, pdf);
  return file;
}

export function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
}

/** Every stream of the PDF, inflated where it is Flate-compressed. */
export function pdfStreams(pdf: Uint8Array): string[] {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  const out: string[] = [];
  const start = /stream\r?\n/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const from = m.index + m[0].length;
    const to = text.indexOf('endstream', from);
    if (to < 0) break;
    const raw = bytes.subarray(from, to);
    try {
      out.push(inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
    start.lastIndex = to + 'endstream'.length;
  }
  return out;
}

/** Content streams only (they draw: paths, text, images). */
export function contentStreams(pdf: Uint8Array): string[] {
  return pdfStreams(pdf).filter((s) => /(^|\n)(q|BT)\n/.test(s) && /\n(f|Q|ET)\n?/.test(s));
}

/** Page `n` (1-based) as 8-bit grey pixels at `dpi`. */
export function grayPage(
  file: string,
  page: number,
  dpi: number,
): { width: number; height: number; pixels: Uint8Array } {
  const out = `${file}-p${page}`;
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    out,
  ]);
  const pgm = readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  return {
    width: Number(header[1]),
    height: Number(header[2]),
    pixels: new Uint8Array(pgm.subarray(header[0].length)),
  };
}
