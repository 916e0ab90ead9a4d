import { describe, expect, it } from 'vitest';
import {
  formatDayRange,
  formatLongMoment,
  formatMoment,
  formatMoney,
  formatShortMoment,
  formatSpan,
  formatters,
  formatWaiting,
} from '../../src/views/format';
import { messages } from '../../src/i18n';

// 16:30 UTC on 2 December 2026: 23:30 in Novosibirsk, 02:30 on the 3rd in Vladivostok.
const at = Date.UTC(2026, 11, 2, 16, 30);

describe('formatting in one place', () => {
  it('shows a moment on the clock of the zone it is given', () => {
    expect(formatMoment(at, 'ru', 'Asia/Novosibirsk')).toBe('2 дек. 2026 г., 23:30');
    expect(formatMoment(at, 'en', 'Asia/Novosibirsk')).toBe('2 Dec 2026, 23:30');
    expect(formatShortMoment(at, 'ru', 'Asia/Vladivostok')).toBe('3 дек., 02:30');
    expect(formatShortMoment(at, 'en', 'Asia/Vladivostok')).toBe('3 Dec, 02:30');
    expect(formatLongMoment(at, 'ru', 'Europe/Moscow')).toBe('2 декабря в 19:30');
  });

  it('writes days, numbers and money in the reader’s style', () => {
    expect(formatDayRange('2026-12-01', '2026-12-07', 'ru')).toBe('1 дек. – 7 дек.');
    expect(formatDayRange('2026-12-01', '2026-12-01', 'en')).toBe('1 Dec');
    expect(formatMoney(1500.5, 'ru')).toBe('1\u00a0500,5 ₽');
    expect(formatMoney(1500.5, 'en')).toBe('1,500.5 ₽');
    const ru = formatters('ru');
    const en = formatters('en');
    expect([ru.percent(0.0534), ru.signedPercent(-0.012), ru.points(0.008), ru.dayLong('2026-12-02')]).toEqual([
      '5,3\u00a0%',
      '−1,2\u00a0%',
      '+0,8\u00a0п. п.',
      '2 декабря 2026 г.',
    ]);
    expect([en.percent(0.0534), en.signedPercent(-0.012), en.points(0.008), en.dayLong('2026-12-02')]).toEqual([
      '5.3%',
      '−1.2%',
      '+0.8\u00a0pp',
      '2 December 2026',
    ]);
    expect(ru.percent(null)).toBe('—');
  });

  it('writes durations with the units of the catalogue', () => {
    expect(formatWaiting(30_000, 'ru')).toBe('<1 мин');
    expect(formatWaiting(125 * 60_000, 'ru')).toBe('2 ч 05 мин');
    expect(formatWaiting(27 * 3_600_000, 'ru')).toBe('1 дн 3 ч');
    expect(formatWaiting(125 * 60_000, 'en')).toBe('2 h 05 min');
    expect(formatters('ru').duration((3 * 24 + 4) * 3_600_000)).toBe('3 дн 4 ч');
    const words = messages('ru').complaints.durations;
    expect([60, 120, 300, 1440, 2880, 45, 21].map((m) => formatSpan(m, words, 'ru'))).toEqual([
      'час',
      '2 часа',
      '5 часов',
      'сутки',
      '2 дня',
      '45 минут',
      '21 минуту',
    ]);
  });
});
