import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/crypto';
import { count, form, login, page, sessionCookie } from '../accounts-helpers';
import { call, createUser, postForm, signIn } from '../helpers';

describe('sign-in and sessions', () => {
  it('sets a __Host- cookie that is HttpOnly, Secure, SameSite=Lax and expires, over https', async () => {
    const user = await createUser('manager');
    const res = await call(
      'https://si.test/admin/login',
      form({ email: user.email, password: user.password }, { origin: 'https://si.test' }),
    );
    expect(res.status).toBe(303);
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^__Host-sid=[A-Za-z0-9_-]{40,}; /);
    expect(header).toContain('Path=/');
    expect(header).toContain('HttpOnly');
    expect(header).toContain('Secure');
    expect(header).toContain('SameSite=Lax');
    expect(header).toContain('Max-Age=604800');
    expect(header).not.toContain('Domain=');
  });

  it('stores only a hash of the session id', async () => {
    const user = await createUser('staff');
    const res = await login(user.email, user.password);
    const id = sessionCookie(res).split('=')[1]!;
    expect(await count('sessions', 'id_hash = ?1', id)).toBe(0);
    expect(await count('sessions', 'id_hash = ?1', await sha256Hex(id))).toBe(1);
  });

  it('sends staff to printing and the others to the dashboard', async () => {
    const staff = await createUser('staff');
    expect((await login(staff.email, staff.password)).headers.get('location')).toBe('/admin/print');
    const manager = await createUser('manager');
    expect((await login(manager.email, manager.password)).headers.get('location')).toBe('/admin');
  });

  it('never redirects outside /admin after login', async () => {
    const user = await createUser('owner');
    for (const next of ['https://evil.example/', '//evil.example/admin', '/\\evil.example', '/admin\\..\\x']) {
      const res = await call('/admin/login', form({ email: user.email, password: user.password, next }));
      expect(res.headers.get('location')).toBe('/admin');
    }
  });

  it('ends the session on logout: the row is deleted and the cookie no longer works', async () => {
    const session = await signIn('manager');
    const id = session.cookie.split('=')[1]!;
    const res = await postForm('/admin/logout', session, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/sid=;.*Max-Age=0/);
    expect(await count('sessions', 'id_hash = ?1', await sha256Hex(id))).toBe(0);
    const after = await call('/admin/print', { headers: { cookie: session.cookie } });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fprint');
  });

  it('treats an expired session as signed out', async () => {
    const session = await signIn('manager');
    await env.DB.prepare('UPDATE sessions SET expires_at = ?2 WHERE id_hash = ?1')
      .bind(await sha256Hex(session.cookie.split('=')[1]!), Date.now() - 1)
      .run();
    const res = await call('/admin/print', { headers: { cookie: session.cookie } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/admin/login');
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const user = await createUser('manager');
    const wrong = await login(user.email, 'not the password', '192.0.2.10');
    const unknown = await login('nobody@example.com', 'not the password', '192.0.2.10');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain('Неверная почта или пароль.');
    expect(b).toContain('Неверная почта или пароль.');
  });

  it('refuses a disabled account', async () => {
    const user = await createUser('manager');
    await env.DB.prepare('UPDATE users SET disabled_at = 1 WHERE email = ?1').bind(user.email).run();
    expect((await login(user.email, user.password, '192.0.2.11')).status).toBe(401);
  });
});

describe('login throttling', () => {
  it('locks an account after 5 failures: even the right password then gets 429 from any visitor', async () => {
    const user = await createUser('manager');
    for (let i = 0; i < 5; i++) expect((await login(user.email, `wrong ${i}`, `198.51.100.${i}`)).status).toBe(401);
    const locked = await login(user.email, user.password, '203.0.113.77');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await locked.text()).toContain('Слишком много неудачных попыток входа. Подождите 15 мин.');
    expect(sessionCookie(locked)).toBe('');
    // The lock lifts after its time.
    await env.DB.prepare('UPDATE login_throttle SET locked_until = ?1, window_start = ?1')
      .bind(Date.now() - 16 * 60_000)
      .run();
    expect((await login(user.email, user.password, '203.0.113.77')).status).toBe(303);
  });

  it('forgives earlier typos after a successful login', async () => {
    const user = await createUser('manager');
    for (let i = 0; i < 4; i++) await login(user.email, 'typo', '198.51.100.20');
    expect((await login(user.email, user.password, '198.51.100.20')).status).toBe(303);
    for (let i = 0; i < 4; i++) await login(user.email, 'typo', '198.51.100.20');
    expect((await login(user.email, user.password, '198.51.100.20')).status).toBe(303);
  });

  it('locks a visitor who fails 20 times across accounts, and only that visitor', async () => {
    for (let i = 0; i < 20; i++) await login(`guess${i}@example.com`, 'password1', '198.51.100.99');
    const user = await createUser('staff');
    expect((await login(user.email, user.password, '198.51.100.99')).status).toBe(429);
    expect((await login(user.email, user.password, '198.51.100.100')).status).toBe(303);
  });

  it('never stores the e-mail or the IP address in the throttle table', async () => {
    await login('someone@example.com', 'wrong', '198.51.100.55');
    const { results } = await env.DB.prepare('SELECT key FROM login_throttle').all<{ key: string }>();
    const keys = results.map((r) => r.key).join(' ');
    expect(keys).not.toContain('someone');
    expect(keys).not.toContain('198.51.100.55');
    expect(keys).toContain(`account:${await sha256Hex('someone@example.com')}`);
  });
});

describe('changing the password', () => {
  it('ends every session of the account and signs in fresh', async () => {
    const user = await createUser('staff');
    const first = sessionCookie(await login(user.email, user.password, '198.51.100.60'));
    const second = sessionCookie(await login(user.email, user.password, '198.51.100.61'));
    const { csrf } = await page('/admin/account', second);
    const res = await postForm(
      '/admin/account/password',
      { cookie: second, csrf },
      {
        current: user.password,
        password: 'новый длинный пароль',
        confirm: 'новый длинный пароль',
      },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/account?changed=1');
    const fresh = sessionCookie(res);
    expect(fresh).not.toBe('');
    expect((await call('/admin/account', { headers: { cookie: first } })).status).toBe(302);
    expect((await call('/admin/account', { headers: { cookie: second } })).status).toBe(302);
    const now = await page('/admin/account?changed=1', fresh);
    expect(now.status).toBe(200);
    expect(now.html).toContain('Пароль изменён.');
    expect((await login(user.email, user.password, '198.51.100.62')).status).toBe(401);
    expect((await login(user.email, 'новый длинный пароль', '198.51.100.62')).status).toBe(303);
  });

  it('keeps sessions and explains when the current password is wrong or the new one is weak', async () => {
    const session = await signIn('manager');
    const wrong = await postForm('/admin/account/password', session, {
      current: 'nope',
      password: 'новый длинный пароль',
      confirm: 'новый длинный пароль',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Текущий пароль указан неверно.');
    const weak = await postForm('/admin/account/password', session, {
      current: 'correct horse battery',
      password: 'short',
      confirm: 'short',
    });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('не короче 10 символов');
    expect((await call('/admin/account', { headers: { cookie: session.cookie } })).status).toBe(200);
  });

  it('refuses the form without the CSRF token', async () => {
    const session = await signIn('manager');
    const res = await postForm(
      '/admin/account/password',
      { ...session, csrf: 'forged' },
      { current: 'correct horse battery', password: 'новый длинный пароль', confirm: 'новый длинный пароль' },
    );
    expect(res.status).toBe(403);
  });
});
