import fontkit from '@pdf-lib/fontkit';
import type { Fontkit } from 'pdf-lib';
import type { FontMetrics, FontRole, MeasureText } from '../domain/postcard-layout';

/** The two TrueType files a card is set in (Roboto in production). */
export interface CardFonts {
  regular: Uint8Array | ArrayBuffer;
  bold: Uint8Array | ArrayBuffer;
}

type ParsedFont = ReturnType<Fontkit['create']>;

// Per-isolate caches. Parsing a TTF is the dearest step of a small document, and pdf-lib only
// exposes it through `fontkit.create`, so the fontkit handed to pdf-lib returns the font it
// parsed before for the same bytes. Sharing is safe: fontkit's parsed font is read-only for
// pdf-lib, and each document builds its own subset from it (synchronously, at save).
const asBytes = new WeakMap<ArrayBuffer, Uint8Array>();
const parsed = new WeakMap<Uint8Array, ParsedFont>();
const advances = new WeakMap<ParsedFont, Map<number, number>>();

/** One Uint8Array per ArrayBuffer, so caches keyed by bytes hit on every call. */
export function fontBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  if (data instanceof Uint8Array) return data;
  let bytes = asBytes.get(data);
  if (!bytes) {
    bytes = new Uint8Array(data);
    asBytes.set(data, bytes);
  }
  return bytes;
}

export function parseFont(bytes: Uint8Array): ParsedFont {
  let font = parsed.get(bytes);
  if (!font) {
    font = fontkit.create(bytes);
    parsed.set(bytes, font);
  }
  return font;
}

/** What `pdfDoc.registerFontkit` receives: fontkit with a parse cache in front. */
export const cachingFontkit: Fontkit = { create: (bytes: Uint8Array) => parseFont(bytes) };

/** True if the font can draw this code point; others are dropped rather than printed as boxes. */
export function printable(font: ParsedFont, text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20 || font.hasGlyphForCodePoint(cp)) out += ch;
  }
  return out;
}

/**
 * Width from the glyphs' advance widths, which is what a PDF viewer uses for a pdf-lib `Tj`
 * (pdf-lib writes no kerning). Ligatures (fi, fl) make the real text a little narrower, never wider.
 */
function advanceWidthUnits(font: ParsedFont, text: string): number {
  let cache = advances.get(font);
  if (!cache) {
    cache = new Map();
    advances.set(font, cache);
  }
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    let w = cache.get(cp);
    if (w === undefined) {
      w = font.glyphForCodePoint(cp).advanceWidth;
      cache.set(cp, w);
    }
    units += w;
  }
  return units;
}

export function measurer(fonts: Record<FontRole, ParsedFont>): MeasureText {
  return (text, role, sizePt) => {
    const font = fonts[role];
    return (advanceWidthUnits(font, text) * sizePt) / font.unitsPerEm;
  };
}

export function metricsOf(font: ParsedFont): FontMetrics {
  return { ascent: font.ascent / font.unitsPerEm, descent: font.descent / font.unitsPerEm };
}
