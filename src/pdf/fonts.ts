import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';
import type { FontMetrics, FontRole, MeasureText } from '../domain/postcard-layout';

/** The two TrueType files a card is set in (Roboto in production). */
export interface CardFonts {
  regular: Uint8Array | ArrayBuffer;
  bold: Uint8Array | ArrayBuffer;
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
export type ParsedFont = ReturnType<Fontkit['create']>;

// Per-isolate caches. Parsing a TTF is the dearest step of a small document, and pdf-lib only
// exposes it through `fontkit.create`, so the fontkit handed to pdf-lib returns the font it
// parsed before for the same bytes. Sharing is safe: pdf-lib only reads the parsed font, and
// each document builds its own subset from it (synchronously, at save).
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
    font = withPromptSubsets(fontkit.create(bytes));
    parsed.set(bytes, font);
  }
  return font;
}

type Subset = ReturnType<ParsedFont['createSubset']>;
type Chunk = Uint8Array | null;
type EncodeStream = { push(chunk: Chunk): boolean; end(): void };

/**
 * One glyph per code point, no OpenType shaping: what pdf-lib asks `layout` for is only the
 * glyphs (it writes no positioning), and for Cyrillic and Latin in Roboto shaping only adds the
 * fi/fl ligatures while costing more than the rest of a small document. Texts are NFC-normalised
 * first (`normaliseText`), so letters like «й» and «ё» are single code points.
 */
function glyphsOf(font: ParsedFont, text: string) {
  const glyphs = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const glyph = font.glyphForCodePoint(cp) as { codePoints: number[] };
    // fontkit caches glyphs by id, and a glyph first met as another glyph's component (е inside
    // ё, the dot of ;) is cached with no code points. pdf-lib writes ToUnicode from these, so
    // with the parse cache shared between documents, text extraction would lose such letters
    // depending on what was rendered before. Give the glyph its code point back.
    if (glyph.codePoints.length === 0) glyph.codePoints = [cp];
    glyphs.push(glyph);
  }
  return glyphs;
}

/**
 * fontkit encodes a subset through a stream polyfill that schedules every step with
 * setTimeout(0), which costs a few ms of idle wall time per document. The encoding itself is
 * synchronous (restructure's EncodeStream only ever calls `push`), so this runs it at once and
 * hands pdf-lib the bytes on the next microtask, through the same data/end/error events.
 */
function withPromptSubsets(font: ParsedFont): ParsedFont {
  return new Proxy(font, {
    get(target, prop) {
      if (prop === 'layout') return (text: string) => ({ glyphs: glyphsOf(target, text) });
      if (prop === 'createSubset') {
        return () => {
          const subset = target.createSubset();
          subset.encodeStream = () => promptEncodeStream(subset) as unknown as ReturnType<Subset['encodeStream']>;
          return subset;
        };
      }
      return Reflect.get(target, prop, target);
    },
  });
}

let EncodeStreamClass: (new () => EncodeStream) | undefined;

function newEncodeStream(subset: Subset): EncodeStream {
  // restructure's EncodeStream is not exported; borrow its class from a stream whose encode does nothing.
  EncodeStreamClass ??= (Object.getPrototypeOf(subset).encodeStream.call({ encode() {} }) as object)
    .constructor as new () => EncodeStream;
  return new EncodeStreamClass();
}

/**
 * Encoded subsets by the glyph ids they hold, in order, per parsed font. The encoding is a pure
 * function of that list, and batches for one location use the same glyphs (the renderer adds the
 * whole card-code alphabet up front), so most documents skip the dearest step of saving.
 */
const encodedSubsets = new WeakMap<object, Map<string, Uint8Array>>();
const ENCODED_SUBSETS_PER_FONT = 32;

function encodeSubset(subset: Subset): Uint8Array {
  const { font, glyphs } = subset as unknown as { font: object; glyphs: number[] };
  let cache = encodedSubsets.get(font);
  if (!cache) {
    cache = new Map();
    encodedSubsets.set(font, cache);
  }
  const key = glyphs.join(',');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const chunks: Uint8Array[] = [];
  const stream = newEncodeStream(subset);
  stream.push = (chunk: Chunk) => {
    if (chunk) chunks.push(chunk);
    return true;
  };
  (subset as unknown as { encode(s: EncodeStream): void }).encode(stream);
  stream.end();
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  if (cache.size >= ENCODED_SUBSETS_PER_FONT) cache.delete(cache.keys().next().value!);
  cache.set(key, bytes);
  return bytes;
}

function promptEncodeStream(subset: Subset) {
  const handlers: { data?: (c: Uint8Array) => void; end?: () => void; error?: (e: unknown) => void } = {};
  queueMicrotask(() => {
    try {
      const bytes = encodeSubset(subset);
      handlers.data?.(bytes);
      handlers.end?.();
    } catch (error) {
      handlers.error?.(error);
    }
  });
  const emitter = {
    on(event: 'data' | 'end' | 'error', handler: (arg?: never) => void) {
      (handlers as Record<string, unknown>)[event] = handler;
      return emitter;
    },
  };
  return emitter;
}

/** What `pdfDoc.registerFontkit` receives: fontkit with a parse cache in front. */
export const cachingFontkit: Fontkit = { create: (bytes: Uint8Array) => parseFont(bytes) };

/**
 * A subset font's name with its tag (ISO 32000 9.6.4): six capitals, then "+", then the
 * PostScript name, e.g. "KQWZMB+Roboto-Bold". The tag is random per document and role.
 */
export function subsetFontName(font: ParsedFont): string {
  const letters = crypto.getRandomValues(new Uint8Array(6));
  const tag = Array.from(letters, (b) => String.fromCharCode(65 + (b % 26))).join('');
  return `${tag}+${(font as unknown as { postscriptName?: string }).postscriptName ?? 'Roboto'}`;
}

/** True if the font can draw this code point; others are dropped rather than printed as boxes. */
export function printable(font: ParsedFont, text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20 || font.hasGlyphForCodePoint(cp)) out += ch;
  }
  return out;
}

/** Width from the glyphs' advance widths: exactly what a PDF viewer advances for a pdf-lib `Tj`. */
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
