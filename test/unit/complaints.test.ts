import { describe, expect, it } from 'vitest';
import {
  isOverdue,
  median,
  parseContact,
  reasonLabelFor,
  statusChange,
  validateDetails,
  waitingMs,
} from '../../src/domain/complaints';
import { complaintPages } from '../../src/i18n/complaints';
import { nextAttemptAfterFailure, webhookSignature } from '../../src/services/notify';
import { formatTarget } from '../../src/views/complaint-public';

describe('contacts', () => {
  it.each([
    ['8 (999) 123-45-12', 'phone', '+79991234512', '+7 *** ***-**-12'],
    ['+7 999 123 45 67', 'phone', '+79991234567', '+7 *** ***-**-67'],
    ['9991234567', 'phone', '+79991234567', '+7 *** ***-**-67'],
    ['+49 30 1234567', 'phone', '+49301234567', '+*** ***-**-67'],
    ['Ivan.Petrov@Yandex.ru', 'email', 'ivan.petrov@yandex.ru', 'i***@yandex.ru'],
    ['@ivan_petrov', 'telegram', '@ivan_petrov', '@iv***'],
    ['https://t.me/ivan_petrov', 'telegram', '@ivan_petrov', '@iv***'],
  ])('reads %s as a %s', (input, kind, value, masked) => {
    expect(parseContact(input)).toEqual({ kind, value, masked });
  });

  it.each(['позвоните', '12345', '@ab', 'ivan@', '+7 999', 'x'.repeat(300)])('refuses %s', (input) => {
    expect(parseContact(input)).toBeNull();
  });

  it.each([
    ['ivan+orders@mail.example.co.uk', 'ivan+orders@mail.example.co.uk'],
    ['o_brien-1.x@sub-domain.example.ru', 'o_brien-1.x@sub-domain.example.ru'],
    ['Ivan@Почта.РФ', 'ivan@почта.рф'],
  ])('reads the e-mail %s', (input, value) => {
    expect(parseContact(input)).toMatchObject({ kind: 'email', value });
  });

  it.each([
    '"><script>alert(1)</script>@x.com',
    '<ivan@example.com>',
    'ivan"@example.com',
    "ivan'@example.com",
    'ivan petrov@example.com',
    'ivan@example',
    'ivan@exa mple.com',
    'ivan@@example.com',
    'a@b@example.com',
    '.ivan@example.com',
    'ivan.@example.com',
    'iv..an@example.com',
    'ivan@-example.com',
    'ivan@example-.com',
    'ivan@example..com',
    'ivan@example.c',
    'ivan@example.com.',
    'ivan@[127.0.0.1]',
    'ivan@example.com?subject=x',
    'javascript:alert(1)//@example.com',
    `${'a'.repeat(65)}@example.com`,
    `ivan@${'a'.repeat(64)}.com`,
  ])('refuses the e-mail %s', (input) => {
    expect(parseContact(input)).toBeNull();
  });
});

describe('the details form', () => {
  const empty = { comment: '', contact: '', consent: false, honeypot: '' };

  it('accepts nothing at all: details are optional', () => {
    expect(validateDetails(empty, 'store')).toEqual({ ok: true, comment: null, contact: null });
  });

  it('takes a contact only with consent', () => {
    expect(validateDetails({ ...empty, contact: '+79991234567' }, 'store')).toEqual({
      ok: false,
      errors: { consent: 'consentRequired' },
    });
    const ok = validateDetails({ ...empty, contact: '+79991234567', consent: true }, 'forward');
    expect(ok.ok && ok.contact?.masked).toBe('+7 *** ***-**-67');
  });

  it('ignores the contact field when contacts are off', () => {
    expect(validateDetails({ ...empty, contact: 'anything', comment: ' hi ' }, 'off')).toEqual({
      ok: true,
      comment: 'hi',
      contact: null,
    });
  });

  it('limits the comment to 2000 characters and catches the honeypot', () => {
    expect(validateDetails({ ...empty, comment: 'a'.repeat(2000) }, 'store').ok).toBe(true);
    expect(validateDetails({ ...empty, comment: 'a'.repeat(2001), honeypot: 'x' }, 'store')).toEqual({
      ok: false,
      errors: { comment: 'commentTooLong', form: 'honeypot' },
    });
  });
});

describe('waiting time', () => {
  const now = 10 * 3600_000;
  const open = { status: 'open' as const, createdAt: now - 61 * 60_000, firstResponseAt: null };

  it('is overdue past the target while nobody has answered', () => {
    expect(isOverdue(open, 60, now)).toBe(true);
    expect(isOverdue(open, 90, now)).toBe(false);
    expect(isOverdue({ ...open, status: 'contacted', firstResponseAt: now - 1000 }, 60, now)).toBe(false);
  });

  it('stops counting at the first response', () => {
    expect(waitingMs(open, now)).toBe(61 * 60_000);
    expect(waitingMs({ ...open, firstResponseAt: open.createdAt + 5 * 60_000 }, now)).toBe(5 * 60_000);
  });

  it('takes the median of an odd and an even count', () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });

  it('sets the first response once, on the first move away from open', () => {
    const first = statusChange({ status: 'open', firstResponseAt: null, resolvedAt: null }, 'contacted', 100);
    expect(first).toEqual({ status: 'contacted', firstResponseAt: 100, resolvedAt: null });
    expect(statusChange(first, 'resolved', 200)).toEqual({ status: 'resolved', firstResponseAt: 100, resolvedAt: 200 });
    expect(statusChange({ status: 'resolved', firstResponseAt: 100, resolvedAt: 200 }, 'open', 300)).toEqual({
      status: 'open',
      firstResponseAt: 100,
      resolvedAt: null,
    });
  });
});

describe('words on the page', () => {
  it('says the response target in Russian and English', () => {
    const ru = (m: number) => formatTarget(m, complaintPages.ru, 'ru');
    expect([ru(60), ru(120), ru(300), ru(30), ru(21), ru(22), ru(1440), ru(2880)]).toEqual([
      'час',
      '2 часа',
      '5 часов',
      '30 минут',
      '21 минуту',
      '22 минуты',
      'сутки',
      '2 дня',
    ]);
    expect(formatTarget(90, complaintPages.en, 'en')).toBe('90 minutes');
    expect(formatTarget(60, complaintPages.en, 'en')).toBe('an hour');
  });

  it('shows the default reasons in English, owner labels as written', () => {
    expect(reasonLabelFor('Товар повреждён', 'en')).toBe('The goods were damaged');
    expect(reasonLabelFor('Остыла пицца', 'en')).toBe('Остыла пицца');
  });
});

describe('notification delivery rules', () => {
  it('signs the webhook timestamp and body with HMAC-SHA256', async () => {
    // HMAC_SHA256("key", "1700000000.The quick brown fox jumps over the lazy dog"), from Node's crypto
    expect(await webhookSignature('key', '1700000000', 'The quick brown fox jumps over the lazy dog')).toBe(
      'sha256=2f658d6aef4f246e91cd741bbcded7479e9605f9d41c9e248122a117e0e1765b',
    );
  });

  it('backs off, then gives up', () => {
    expect(nextAttemptAfterFailure(1, 0)).toBe(60_000);
    expect(nextAttemptAfterFailure(2, 0)).toBe(5 * 60_000);
    expect(nextAttemptAfterFailure(6, 0)).toBe(360 * 60_000);
    expect(nextAttemptAfterFailure(7, 0)).toBeNull();
  });
});
