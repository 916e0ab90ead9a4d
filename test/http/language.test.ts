import { describe, expect, it } from 'vitest';
import { call } from '../helpers';

/** The language a page is rendered in, from its <html lang>. */
async function languageOf(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ lang: string; setCookie: string }> {
  const res = await call(path, { headers });
  const lang = /<html lang="(\w+)">/.exec(await res.text())?.[1] ?? '';
  return { lang, setCookie: res.headers.get('set-cookie') ?? '' };
}

describe('the page language', () => {
  it('is Russian when nothing names a supported language', async () => {
    expect((await languageOf('/admin/login')).lang).toBe('ru');
    expect((await languageOf('/admin/login', { 'accept-language': 'de-DE, fr;q=0.8' })).lang).toBe('ru');
  });

  it('follows Accept-Language by its weights, regional tags included, and sets no cookie for it', async () => {
    const english = await languageOf('/admin/login', { 'accept-language': 'en-US,en;q=0.9' });
    expect(english).toEqual({ lang: 'en', setCookie: '' });
    expect((await languageOf('/admin/login', { 'accept-language': 'de, en;q=0.8, ru;q=0.5' })).lang).toBe('en');
    expect((await languageOf('/admin/login', { 'accept-language': 'en;q=0.3, ru-RU;q=0.9' })).lang).toBe('ru');
  });

  it('lets an explicit choice win: ?lang= (remembered for a year), then the cookie', async () => {
    const chosen = await languageOf('/admin/login?lang=en', { 'accept-language': 'ru' });
    expect(chosen.lang).toBe('en');
    expect(chosen.setCookie).toMatch(/^__Host-lang=en; Max-Age=31536000; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    expect((await languageOf('/admin/login', { cookie: '__Host-lang=en', 'accept-language': 'ru' })).lang).toBe('en');
    expect((await languageOf('/admin/login?lang=ru', { cookie: '__Host-lang=en' })).lang).toBe('ru');
    // An unknown choice is no choice: the cookie, then the browser decide.
    expect((await languageOf('/admin/login?lang=de', { cookie: '__Host-lang=en' })).lang).toBe('en');
    expect((await languageOf('/admin/login?lang=de', { 'accept-language': 'en' })).setCookie).toBe('');
  });
});
