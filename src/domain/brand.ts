/**
 * Brand colours: parsing, mixing and the WCAG contrast check that keeps text on a location's
 * brand colour readable. Pure functions; the templates say which texts sit on the brand colour.
 */
import type { PaletteColor, Template } from './postcard-layout';

type Rgb = [number, number, number];

/** '#RRGGBB' (or '#RGB', any case) to 0..255 channels; null when it is not a colour. */
function parseHex(text: string): Rgb | null {
  let h = text.trim();
  if (h.startsWith('#')) h = h.slice(1);
  if (/^[0-9a-fA-F]{3}$/.test(h)) h = h.replace(/./g, (c) => c + c);
  if (!/^[0-9a-fA-F]{6}$/.test(h)) return null;
  const n = parseInt(h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((v) => Math.round(v).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;
}

/** `a` mixed with `b`: share 0 is `a`, 1 is `b`. */
export function mix(a: string, b: string, share: number): string {
  const x = parseHex(a)!;
  const y = parseHex(b)!;
  return toHex([0, 1, 2].map((i) => x[i]! + (y[i]! - x[i]!) * share) as Rgb);
}

/** WCAG 2 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex)!.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Small text needs 4.5:1 (WCAG 2, AA); card captions and trace marks are all small. */
const MIN_TEXT_CONTRAST = 4.5;

/** The palette a design is drawn with: the brand colour and the two shades made from it. */
export function palette(brand: string): Record<PaletteColor, string> {
  return {
    brand: toHex(parseHex(brand)!),
    brandSoft: mix(brand, '#FFFFFF', 0.78),
    brandLine: mix(brand, '#FFFFFF', 0.2),
  };
}

/** A colour from a template, with palette names resolved. */
export function paint(color: string, colors: Record<PaletteColor, string>): string {
  return color in colors ? colors[color as PaletteColor] : color;
}

/** '#RRGGBB' upper case, or null when it is not a colour. */
export function normaliseBrandColor(text: string): string | null {
  const rgb = parseHex(text);
  return rgb ? toHex(rgb) : null;
}

/**
 * Why `brand` cannot be this location's colour, or null when every design stays readable: each
 * text a design prints on the brand colour needs 4.5:1 against it.
 */
export function brandContrastProblem(
  brand: string,
  templates: Template[],
): { ratio: number; text: string; design: string } | null {
  const colors = palette(brand);
  let worst: { ratio: number; text: string; design: string } | null = null;
  for (const template of templates) {
    const slots = [
      ...template.onBrand.map((key) => template.text[key]),
      ...(template.withLogo
        ? template.onBrand.map((key) => template.withLogo![key]).filter((s) => s !== undefined)
        : []),
      ...template.back.onBrand.map((key) => template.back[key]),
    ];
    for (const slot of slots) {
      const color = paint(slot.color, colors);
      const ratio = contrastRatio(color, colors.brand);
      if (ratio < MIN_TEXT_CONTRAST && (!worst || ratio < worst.ratio))
        worst = { ratio, text: color, design: template.id };
    }
  }
  return worst;
}
