import type { PathCommand, Primitive } from '../domain/card-layout';
import { iconPath, roundedRectPath } from '../domain/card-layout';
import { MM_TO_PT } from '../domain/postcard-layout';
import { fitImage } from './draw';
import type { BatchLayout, CardToPrint } from './layout-batch';
import { QUIET_ZONE_MODULES, qrMatrix } from './qr';

/**
 * The second renderer of the layout model: one card as SVG, in millimetres, for the print page.
 * Texts are SVG text stretched to the width the PDF measured (`textLength`), so lines break and
 * align exactly as they print even where the browser lacks Roboto.
 */

const n = (v: number) => String(Math.round(v * 100) / 100);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function d(path: PathCommand[]): string {
  return path
    .map((c) =>
      c.op === 'M' || c.op === 'L'
        ? `${c.op}${n(c.x)} ${n(c.y)}`
        : c.op === 'C'
          ? `C${n(c.x1)} ${n(c.y1)} ${n(c.x2)} ${n(c.y2)} ${n(c.x)} ${n(c.y)}`
          : 'Z',
    )
    .join('');
}

function qrSvg(p: Extract<Primitive, { kind: 'qr' }>): string {
  const matrix = qrMatrix(p.data, p.errorCorrection);
  const total = matrix.size + 2 * QUIET_ZONE_MODULES;
  const m = p.box.width / total;
  let runs = '';
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark[row * matrix.size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark[row * matrix.size + col]) col++;
      runs += `M${start + QUIET_ZONE_MODULES} ${row + QUIET_ZONE_MODULES}h${col - start}v1h-${col - start}z`;
    }
  }
  const light = p.light ? `<rect width="${total}" height="${total}" fill="${p.light}"/>` : '';
  return `<g transform="translate(${n(p.box.x)} ${n(p.box.y)}) scale(${m.toFixed(5)})">${light}<path d="${runs}" fill="${p.dark}"/></g>`;
}

function primitiveSvg(
  p: Primitive,
  layout: BatchLayout,
  logo: { href: string; width: number; height: number } | null,
): string {
  switch (p.kind) {
    case 'shape': {
      const fill = p.fill ?? 'none';
      const stroke = p.stroke ? ` stroke="${p.stroke}" stroke-width="${n((p.strokeWidthPt ?? 0.5) / MM_TO_PT)}"` : '';
      return `<path d="${d(roundedRectPath(p.box, p.radius))}" fill="${fill}"${stroke}/>`;
    }
    case 'text': {
      const { text } = p;
      const size = text.sizePt / MM_TO_PT;
      const weight = text.font === 'bold' ? ' font-weight="700"' : '';
      return text.lines
        .map((line) => {
          const width = layout.measure(line.text, text.font, text.sizePt) / MM_TO_PT;
          return `<text x="${n(line.x)}" y="${n(line.baseline)}" font-size="${n(size)}"${weight} fill="${text.color}" textLength="${n(width)}" lengthAdjust="spacingAndGlyphs">${esc(line.text)}</text>`;
        })
        .join('');
    }
    case 'icon':
      return `<path d="${d(iconPath(p.icon, p.box))}" fill="${p.color}"/>`;
    case 'logo': {
      if (!logo) return '';
      const b = fitImage(p.box, logo.width, logo.height);
      return `<image href="${logo.href}" x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}"/>`;
    }
    case 'qr':
      return qrSvg(p);
  }
}

/** One side of one card as an SVG document fragment; `title` names it for screen readers. */
export function cardSvg(
  layout: BatchLayout,
  card: CardToPrint,
  options: { side?: 'front' | 'back'; title: string; logo?: { href: string; width: number; height: number } | null },
): string {
  const { width, height } = layout.size;
  const prims = options.side === 'back' ? (layout.back ?? []) : [...layout.shared, ...layout.own(card)];
  const body = prims.map((p) => primitiveSvg(p, layout, options.logo ?? null)).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}mm" height="${n(height)}mm" role="img" aria-label="${esc(options.title)}" class="card-preview" font-family="Roboto, Arial, Helvetica, sans-serif">` +
    `<title>${esc(options.title)}</title><rect width="${n(width)}" height="${n(height)}" fill="#FFFFFF"/>${body}</svg>`
  );
}
