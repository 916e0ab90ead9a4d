import { describe, expect, it } from 'vitest';
import { brandContrastProblem, contrastRatio } from '../../src/domain/brand';
import { shortUrl } from '../../src/domain/card-layout';
import { sniffLogo } from '../../src/domain/logo';
import type { MeasureText, TextSlot } from '../../src/domain/postcard-layout';
import { fitText } from '../../src/domain/postcard-layout';
import { cmyk } from '../../src/pdf/color';
import { getTemplate, TEMPLATES } from '../../src/pdf/templates';

const measure: MeasureText = (text, _font, size) => [...text].length * size * 0.55;
const metrics = { ascent: 0.93, descent: -0.24 };
const designs = TEMPLATES.map((t) => getTemplate(t.id)!);

describe('brand colour', () => {
  it("accepts each design's own colour and a dark brand, refuses one white text cannot be read on", () => {
    for (const d of designs) expect(brandContrastProblem(d.brand, designs)).toBeNull();
    expect(brandContrastProblem('#5A1F3C', designs)).toBeNull();
    const light = brandContrastProblem('#FFE066', designs);
    expect(light).not.toBeNull();
    expect(light!.ratio).toBeLessThan(4.5);
  });

  it('measures WCAG contrast', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
  });
});

describe('CMYK for print shops', () => {
  it('prints black and greys with K only, white with no ink', () => {
    expect(cmyk('#000000')).toEqual([0, 0, 0, 1]);
    expect(cmyk('#FFFFFF')).toEqual([0, 0, 0, 0]);
    expect(cmyk('#808080').slice(0, 3)).toEqual([0, 0, 0]);
  });
});

describe('data is never dropped silently', () => {
  const slot: TextSlot = {
    box: { x: 0, y: 0, width: 20, height: 5 },
    font: 'regular',
    sizePt: 7,
    minSizePt: 5,
    maxLines: 1,
    lineHeight: 1.2,
    color: '#000000',
    align: 'left',
    valign: 'middle',
    overflow: 'middle',
  };

  it('cuts an order ref out of the middle, keeping its start and end', () => {
    const ref = 'A-2026-11-23-MSK-CENTRAL-DELIVERY-000123';
    const placed = fitText(`Заказ № ${ref}`, slot, measure, metrics);
    const line = placed.lines[0]!.text;
    expect(line.startsWith('Заказ № A-')).toBe(true);
    expect(line.endsWith('000123')).toBe(true);
    expect(line).toContain('…');
    expect(placed.dropped).toBeGreaterThan(0);
  });

  it('reports how many characters of a long headline would not print', () => {
    const prose: TextSlot = { ...slot, box: { x: 0, y: 0, width: 40, height: 10 }, maxLines: 2, overflow: 'end' };
    const text = 'слово '.repeat(30).trim();
    const placed = fitText(text, prose, measure, metrics);
    const printed = placed.lines.map((l) => l.text.replace('…', '')).join(' ').length;
    expect(placed.dropped).toBe(text.length - printed);
    expect(fitText('коротко', prose, measure, metrics).dropped).toBe(0);
  });

  it('prints the short URL a person can type', () => {
    expect(shortUrl('HTTPS://Q.EXAMPLE.RU/R/7K3M9Q2XWD')).toBe('q.example.ru/r/7K3M9Q2XWD');
  });
});

describe('logo files', () => {
  it('reads PNG and JPEG sizes from the bytes and refuses anything else', () => {
    const png = new Uint8Array(33);
    png.set([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 0, 64,
    ]);
    expect(sniffLogo(png)).toEqual({ type: 'image/png', width: 256, height: 64 });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 17, 8, 0, 50, 0, 100, 3, 0, 0, 0]);
    expect(sniffLogo(jpeg)).toEqual({ type: 'image/jpeg', width: 100, height: 50 });
    expect(sniffLogo(new TextEncoder().encode('GIF89a......................'))).toBeNull();
  });
});
