import { describe, expect, it } from 'vitest';
import {
  A4_MM, CARD_MM, checkTemplate, cropMarks, fitText, MIN_INK_INSET_MM, MM_TO_PT, pageCount, resolveTexts,
  sheetSlots, wrapWords,
} from '../../src/domain/postcard-layout';
import type { MeasureText, TextSlot } from '../../src/domain/postcard-layout';
import { DEFAULT_TEMPLATE_ID, getTemplate, TEMPLATES } from '../../templates';

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

  it.each(TEMPLATES.map((t) => t.id))('%s fits A6: boxes inside the safe area, codes >= 28 mm side by side, no overlaps', (id) => {
    expect(checkTemplate(getTemplate(id)!)).toEqual([]);
  });

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
    box: { x: 10, y: 10, width: 40, height: 12 }, font: 'bold', sizePt: 12, minSizePt: 7, maxLines: 2,
    lineHeight: 1.2, color: '#000000', align: 'center', valign: 'middle',
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
    const placed = fitText('X'.repeat(80), { ...slot, maxLines: 4, box: { ...slot.box, height: 30 } }, measure, metrics);
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
  it('counts pages: one card per A6 page, four per A4 sheet', () => {
    expect(pageCount('a6', 1)).toBe(1);
    expect(pageCount('a6', 3)).toBe(3);
    expect(pageCount('a4-4up', 4)).toBe(1);
    expect(pageCount('a4-4up', 5)).toBe(2);
  });

  it('places four A6 cards that tile the A4 sheet around the two cut lines', () => {
    const slots = sheetSlots();
    expect(slots).toHaveLength(4);
    for (const s of slots) {
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.y).toBeGreaterThanOrEqual(0);
      expect(s.x + CARD_MM.width).toBeLessThanOrEqual(A4_MM.width);
      expect(s.y + CARD_MM.height).toBeLessThanOrEqual(A4_MM.height);
    }
    expect(slots[0]!.y + CARD_MM.height).toBeCloseTo(A4_MM.height / 2);
    expect(slots[1]!.x).toBe(A4_MM.width / 2);
  });

  it('draws crop marks from the sheet edge along the cut lines, clear of every card\'s ink', () => {
    const cutX = A4_MM.width / 2;
    const cutY = A4_MM.height / 2;
    for (const m of cropMarks()) {
      const vertical = m.x1 === m.x2;
      if (vertical) expect(m.x1).toBe(cutX);
      else expect(m.y1).toBe(cutY);
      const fromEdge = vertical ? [m.y1, m.y2].includes(0) || [m.y1, m.y2].includes(A4_MM.height) : [m.x1, m.x2].includes(0) || [m.x1, m.x2].includes(A4_MM.width);
      expect(fromEdge).toBe(true);
    }
    // On the cut line a mark is 0 mm from the card edge; templates keep their ink further in.
    expect(MIN_INK_INSET_MM).toBeGreaterThan(0);
  });
});
