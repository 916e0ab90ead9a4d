import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Rasterises a PDF with pdftoppm and decodes every QR code on every page with zbarimg. */
export function decodeQrCodes(pdf: Uint8Array, dpi = 150): { pages: string[]; codes: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'si-pdf-'));
  const file = join(dir, 'cards.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => join(dir, f));
  const codes: string[] = [];
  for (const page of pages) {
    let out = '';
    try {
      out = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', page], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    } catch (error) {
      // zbarimg exits 4 when a page has no code at all; the assertions then say what is missing.
      out = String((error as { stdout?: Buffer }).stdout ?? '');
    }
    codes.push(...out.split('\n').map((s) => s.trim()).filter(Boolean));
  }
  return { pages, codes };
}

/** The PDF's text in reading order, white space folded (captions may wrap over two lines). */
export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'si-pdftext-'));
  const file = join(dir, 'cards.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
}
