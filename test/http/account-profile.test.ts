import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { randomToken } from '../../src/auth/crypto';
import { call, createUser, postForm, signIn } from '../helpers';
import { login, page } from '../accounts-helpers';

const profile = (session: { cookie: string; csrf: string }, fields: Record<string, string>) =>
  postForm('/admin/account/profile', session, fields);
const unique = (name: string) =>
  `${name}-${randomToken(5)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}@example.com`;

describe('my account: name and e-mail', () => {
  it('shows the current name and e-mail and saves a new name without a password', async () => {
    const me = await signIn('staff');
    const before = await page('/admin/account', me.cookie);
    expect(before.html).toContain(`value="${me.email}"`);
    const res = await profile(me, { name: '  Мария   Иванова ', email: me.email });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/account?saved=1');
    const after = await page('/admin/account?saved=1', me.cookie);
    expect(after.html).toContain('value="Мария Иванова"');
    expect(after.html).toContain('Имя и почта сохранены.');
  });

  it('changes the e-mail (the login) with the current password; the old e-mail no longer signs in', async () => {
    const user = await createUser('manager');
    const session = { cookie: '', csrf: '' };
    const res0 = await login(user.email, user.password, '192.0.2.70');
    session.cookie = (res0.headers.get('set-cookie') ?? '').split(';')[0]!;
    session.csrf = (await page('/admin/account', session.cookie)).csrf;
    const next = unique('New.Address');

    const noPassword = await profile(session, { name: 'Менеджер', email: next });
    expect(noPassword.status).toBe(400);
    expect(await noPassword.text()).toContain('Чтобы сменить почту, введите текущий пароль.');
    const wrong = await profile(session, { name: 'Менеджер', email: next, current: 'not my password' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Текущий пароль указан неверно.');

    const ok = await profile(session, { name: 'Менеджер', email: next, current: user.password });
    expect(ok.status).toBe(303);
    const stored = await env.DB.prepare('SELECT email FROM users WHERE id = ?1')
      .bind(user.id)
      .first<{ email: string }>();
    expect(stored!.email).toBe(next.toLowerCase());
    // The session goes on, and the page says who is signed in now.
    expect((await page('/admin/account', session.cookie)).html).toContain(next.toLowerCase());
    expect((await login(user.email, user.password, '192.0.2.71')).status).toBe(401);
    expect((await login(next, user.password, '192.0.2.72')).status).toBe(303);
  });

  it('refuses an e-mail another account has (in any case) with a clear message and keeps the input', async () => {
    const other = await createUser('staff', unique('taken'));
    const me = await signIn('manager');
    const res = await profile(me, { name: 'Я', email: other.email.toUpperCase(), current: 'correct horse battery' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Эта почта уже занята другим аккаунтом.');
    expect(html).toContain(`value="${other.email.toUpperCase()}"`);
    const stored = await env.DB.prepare('SELECT email FROM users WHERE email = ?1').bind(me.email).first();
    expect(stored).not.toBeNull();
  });

  it('refuses an invalid e-mail or an empty name with 400', async () => {
    const me = await signIn('owner');
    const bad = await profile(me, { name: 'Анна', email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Проверьте адрес почты');
    const empty = await profile(me, { name: '   ', email: me.email });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Укажите имя');
  });
});

describe('sign-in page', () => {
  it('shows the product name and a language switch that keeps where the person was going', async () => {
    const ru = await call('/admin/login?next=%2Fadmin%2Fcomplaints');
    const html = await ru.text();
    expect(html).toContain('class="brand">Индекс поддержки<');
    expect(html).toContain('href="/admin/login?lang=en&amp;next=%2Fadmin%2Fcomplaints"');
    const en = await call('/admin/login?lang=en&next=%2Fadmin%2Fcomplaints');
    const enHtml = await en.text();
    expect(enHtml).toContain('class="brand">Support Index<');
    expect(enHtml).toContain('Sign in');
    expect(enHtml).toContain('href="/admin/login?lang=ru&amp;next=%2Fadmin%2Fcomplaints"');
  });
});

describe('each role lands on its home', () => {
  it('sends staff from /admin to printing, with the brand link pointing there', async () => {
    const staff = await signIn('staff');
    const res = await call('/admin', { headers: { cookie: staff.cookie } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/print');
    expect((await page('/admin/print', staff.cookie)).html).toContain('<a class="brand" href="/admin/print">');
  });

  it('shows owners and managers the Support Index at /admin', async () => {
    for (const role of ['owner', 'manager'] as const) {
      const session = await signIn(role);
      expect((await call('/admin', { headers: { cookie: session.cookie } })).status).toBe(200);
      expect((await page('/admin/account', session.cookie)).html).toContain('<a class="brand" href="/admin">');
    }
  });
});
