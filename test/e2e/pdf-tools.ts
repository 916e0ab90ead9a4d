import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Page sizes in points, from pdfinfo: an A4 sheet holds four A6 cards, any other page one. */
function pageSizes(file: string): { width: number; height: number }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file]).toString();
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

/**
 * Rasterises a PDF with pdftoppm and decodes the QR codes of every card with zbarimg, one card's
 * own crop at a time: on a whole A4 sheet of eight codes zbar misses one now and then, on a
 * card's crop about one in 3,600.
 */
export function decodeQrCodes(pdf: Uint8Array, dpi = 150): { pages: string[]; codes: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'si-pdf-'));
  const file = join(dir, 'cards.pdf');
  writeFileSync(file, pdf);
  const sizes = pageSizes(file);
  const pages: string[] = [];
  const codes: string[] = [];
  sizes.forEach((size, index) => {
    const page = index + 1;
    const px = (pt: number) => Math.round((pt / 72) * dpi);
    const sheet = Math.abs(size.width - 595.28) < 2 && Math.abs(size.height - 841.89) < 2;
    const crops = sheet
      ? [0, 1, 2, 3].map((q) => ({
          x: (q % 2) * px(size.width / 2),
          y: Math.floor(q / 2) * px(size.height / 2),
          w: px(size.width / 2),
          h: px(size.height / 2),
        }))
      : [{ x: 0, y: 0, w: px(size.width), h: px(size.height) }];
    pages.push(`page ${page}`);
    crops.forEach((crop, n) => {
      const out = join(dir, `page-${page}-${n}`);
      const args = ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png'];
      execFileSync('pdftoppm', [
        ...args,
        '-x',
        String(crop.x),
        '-y',
        String(crop.y),
        '-W',
        String(crop.w),
        '-H',
        String(crop.h),
        file,
        out,
      ]);
      let text = '';
      try {
        text = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', `${out}.png`], {
          stdio: ['ignore', 'pipe', 'ignore'],
        }).toString();
      } catch (error) {
        // zbarimg exits 4 when a crop has no code at all; the assertions then say what is missing.
        text = String((error as { stdout?: Buffer }).stdout ?? '');
      }
      codes.push(
        ...text
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    });
  });
  return { pages, codes };
}

/** The PDF's text in reading order, white space folded (captions may wrap over two lines). */
export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'si-pdftext-'));
  const file = join(dir, 'cards.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
}
