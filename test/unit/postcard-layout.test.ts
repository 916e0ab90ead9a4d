import { describe, expect, it } from 'vitest';
import { A4_SHEET, pageCount, pagePlan } from '../../src/domain/card-layout';
import {
  A4_MM,
  CARD_MM,
  checkTemplate,
  fitText,
  MM_TO_PT,
  resolveTexts,
  wrapWords,
} from '../../src/domain/postcard-layout';
import type { MeasureText, TextSlot } from '../../src/domain/postcard-layout';
import { DEFAULT_TEMPLATE_ID, getTemplate, TEMPLATES } from '../../src/pdf/templates';

// A stand-in for real glyph widths: every character is 0.55 em, bold 0.6 em.
const measure: MeasureText = (text, font, size) => [...text].length * size * (font === 'bold' ? 0.6 : 0.55);
const metrics = { ascent: 0.93, descent: -0.24 };
const LONG_NAME = 'Кофейня «Зелёный бульвар» на Петроградской стороне, круглосуточно'.slice(0, 60);

function expectInside(placed: ReturnType<typeof fitText>, slot: TextSlot) {
  const { box } = slot;
  for (const line of placed.lines) {
    const width = measure(line.text, slot.font, placed.sizePt) / MM_TO_PT;
    expect(line.x).toBeGreaterThanOrEqual(box.x - 1e-6);
    expect(line.x + width).toBeLessThanOrEqual(box.x + box.width + 1e-6);
    expect(line.baseline - (metrics.ascent * placed.sizePt) / MM_TO_PT).toBeGreaterThanOrEqual(box.y - 0.5);
    expect(line.baseline - (metrics.descent * placed.sizePt) / MM_TO_PT).toBeLessThanOrEqual(box.y + box.height + 0.5);
  }
  expect(placed.lines.length).toBeLessThanOrEqual(slot.maxLines);
  expect(placed.sizePt).toBeGreaterThanOrEqual(slot.minSizePt);
}

describe('templates', () => {
  it('offers at least two designs and a default that exists', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(2);
    expect(getTemplate(DEFAULT_TEMPLATE_ID)).toBeDefined();
    expect(getTemplate('no-such-design')).toBeUndefined();
  });

  it.each(TEMPLATES.map((t) => t.id))(
    '%s fits A6: boxes inside the safe area, codes >= 28 mm side by side, no overlaps',
    (id) => {
      expect(checkTemplate(getTemplate(id)!)).toEqual([]);
    },
  );

  it.each(TEMPLATES.map((t) => t.id))('%s keeps every text inside its box, even a 60-character location name', (id) => {
    const template = getTemplate(id)!;
    expect(LONG_NAME).toHaveLength(60);
    const texts = resolveTexts(template, LONG_NAME);
    for (const key of ['locationName', 'headline', 'reviewCaption', 'complaintCaption', 'footer'] as const) {
      const slot = template.text[key];
      const placed = fitText(texts[key], slot, measure, metrics);
      expect(placed.lines.length).toBeGreaterThan(0);
      expectInside(placed, slot);
    }
    expect(fitText(LONG_NAME, template.text.locationName, measure, metrics).lines.join('')).not.toContain('…');
  });

  it('has neutral wording: no rewards, no gating question', () => {
    for (const { id } of TEMPLATES) {
      const text = Object.values(getTemplate(id)!.defaults).join(' ').toLowerCase();
      expect(text).not.toMatch(/скидк|бонус|подар|балл|промокод|довольны/);
    }
  });
});

describe('fitText', () => {
  const slot: TextSlot = {
    box: { x: 10, y: 10, width: 40, height: 12 },
    font: 'bold',
    sizePt: 12,
    minSizePt: 7,
    maxLines: 2,
    lineHeight: 1.2,
    color: '#000000',
    align: 'center',
    valign: 'middle',
  };

  it('shrinks before it cuts, and cuts with an ellipsis only at the minimum size', () => {
    const short = fitText('Спасибо', slot, measure, metrics);
    expect(short.sizePt).toBe(12);
    const long = fitText('очень '.repeat(40), slot, measure, metrics);
    expect(long.sizePt).toBe(7);
    expect(long.lines.at(-1)!.text.endsWith('…')).toBe(true);
    expectInside(long, slot);
  });

  it('breaks a word longer than the line', () => {
    const placed = fitText(
      'X'.repeat(80),
      { ...slot, maxLines: 4, box: { ...slot.box, height: 30 } },
      measure,
      metrics,
    );
    expectInside(placed, { ...slot, maxLines: 4, box: { ...slot.box, height: 30 } });
  });

  it('prints nothing for an empty text', () => {
    expect(fitText('   ', slot, measure, metrics).lines).toEqual([]);
  });

  it('keeps one- and two-letter words with the next word', () => {
    const width = (s: string) => s.length;
    expect(wrapWords('Спасибо, что вы с нами!', 14, width)).toEqual(['Спасибо, что', 'вы с нами!']);
  });
});

describe('resolveTexts', () => {
  it('falls back to the template for omitted fields and keeps an explicit empty footer', () => {
    const template = getTemplate('classic')!;
    const texts = resolveTexts(template, 'Пекарня', { headline: 'Рады вам', footer: '' });
    expect(texts).toEqual({
      locationName: 'Пекарня',
      headline: 'Рады вам',
      reviewCaption: template.defaults.reviewCaption,
      complaintCaption: template.defaults.complaintCaption,
      footer: '',
    });
  });
});

describe('sheets', () => {
  it('counts pages: one card per A6 page, four per A4 sheet, a back page after each with a back side', () => {
    expect(pageCount('a6', 1)).toBe(1);
    expect(pageCount('a6', 3)).toBe(3);
    expect(pageCount('a4-4up', 4)).toBe(1);
    expect(pageCount('a4-4up', 5)).toBe(2);
    expect(pageCount('a4-4up', 5, true)).toBe(4);
    expect(pageCount('roll-80', 5, true)).toBe(5);
  });

  it('places four cards on the A4 sheet with a gutter, every card and mark 5.5 mm or more inside the sheet', () => {
    const plan = pagePlan('a4-4up');
    const w = CARD_MM.width * plan.scale;
    const h = CARD_MM.height * plan.scale;
    expect(plan.slots).toHaveLength(4);
    for (const s of plan.slots) {
      expect(s.x).toBeGreaterThanOrEqual(A4_SHEET.printerMarginMm);
      expect(s.y).toBeGreaterThanOrEqual(A4_SHEET.printerMarginMm);
      expect(s.x + w).toBeLessThanOrEqual(A4_MM.width - A4_SHEET.printerMarginMm);
      expect(s.y + h).toBeLessThanOrEqual(A4_MM.height - A4_SHEET.printerMarginMm);
    }
    for (const m of plan.marks) {
      for (const v of [m.x1, m.x2]) expect(v).toBeGreaterThanOrEqual(A4_SHEET.printerMarginMm - 1e-9);
      for (const v of [m.x1, m.x2]) expect(v).toBeLessThanOrEqual(A4_MM.width - A4_SHEET.printerMarginMm + 1e-9);
      for (const v of [m.y1, m.y2]) expect(v).toBeGreaterThanOrEqual(A4_SHEET.printerMarginMm - 1e-9);
      for (const v of [m.y1, m.y2]) expect(v).toBeLessThanOrEqual(A4_MM.height - A4_SHEET.printerMarginMm + 1e-9);
    }
    expect(plan.slots[1]!.x - (plan.slots[0]!.x + w)).toBeCloseTo(A4_SHEET.gutterMm);
  });

  it('marks every corner of every card with two ticks outside its trim, none touching any card', () => {
    const plan = pagePlan('a4-4up');
    const w = CARD_MM.width * plan.scale;
    const h = CARD_MM.height * plan.scale;
    const trims = plan.slots.map((s) => ({ x: s.x, y: s.y, width: w, height: h }));
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-3;
    for (const t of trims) {
      for (const x of [t.x, t.x + w]) {
        for (const y of [t.y, t.y + h]) {
          const horizontal = plan.marks.filter(
            (m) =>
              near(m.y1, y) &&
              near(m.y2, y) &&
              Math.min(Math.abs(m.x1 - x), Math.abs(m.x2 - x)) <= A4_SHEET.markGapMm + 1e-3,
          );
          const vertical = plan.marks.filter(
            (m) =>
              near(m.x1, x) &&
              near(m.x2, x) &&
              Math.min(Math.abs(m.y1 - y), Math.abs(m.y2 - y)) <= A4_SHEET.markGapMm + 1e-3,
          );
          expect(horizontal.length).toBeGreaterThanOrEqual(1);
          expect(vertical.length).toBeGreaterThanOrEqual(1);
        }
      }
    }
    // No mark reaches into any card (with the gap kept).
    for (const m of plan.marks) {
      for (const t of trims) {
        const inside = (x: number, y: number) => x > t.x - 1 && x < t.x + w + 1 && y > t.y - 1 && y < t.y + h + 1;
        expect(inside(m.x1, m.y1) || inside(m.x2, m.y2) || inside((m.x1 + m.x2) / 2, (m.y1 + m.y2) / 2)).toBe(false);
      }
    }
  });

  it('mirrors the back sheet for duplex flipped on the long edge', () => {
    const plan = pagePlan('a4-4up');
    const w = CARD_MM.width * plan.scale;
    plan.slots.forEach((s, i) => {
      expect(plan.backSlots[i]!.y).toBe(s.y);
      expect(plan.backSlots[i]!.x).toBeCloseTo(A4_MM.width - s.x - w);
    });
  });

  it('gives the print-shop page a 3 mm bleed inside the media and the trim inside the bleed', () => {
    const plan = pagePlan('a6-print');
    expect(plan.trimBox).toEqual({ x: 9, y: 9, width: CARD_MM.width, height: CARD_MM.height });
    expect(plan.bleedBox).toEqual({ x: 6, y: 6, width: CARD_MM.width + 6, height: CARD_MM.height + 6 });
    expect(plan.ink).toBe('cmyk');
    // The marks start outside the bleed.
    for (const m of plan.marks) {
      const inBleed = (x: number, y: number) => x >= 6 && x <= 6 + 111 && y >= 6 && y <= 6 + 154;
      expect(inBleed(m.x1, m.y1) && inBleed(m.x2, m.y2)).toBe(false);
    }
    expect(plan.marks).toHaveLength(8);
  });
});
