import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/crypto';
import { call, createUser, postForm, signIn } from '../helpers';
import { count, form, login, page, sessionCookie } from '../accounts-helpers';

async function issueReset(owner: { cookie: string; csrf: string }, userId: string) {
  const res = await postForm(`/admin/users/${userId}/reset`, owner, {});
  const html = await res.text();
  const link = /id="secret"[^>]*>(https:\/\/si\.test\/reset\/[A-Za-z0-9_-]+)<\/textarea>/.exec(html)?.[1];
  return { res, html, path: link ? new URL(link).pathname : '' };
}

const NEW_PASSWORD = 'новый пароль после сброса';
const setPassword = (path: string, password = NEW_PASSWORD, confirm = password) =>
  call(path, form({ password, confirm }));

describe('password reset links', () => {
  it('lets the owner issue a link, shown once, that sets a new password, ends the old sessions and signs in', async () => {
    const owner = await signIn('owner');
    const manager = await createUser('manager');
    const oldSession = sessionCookie(await login(manager.email, manager.password, '198.51.100.7'));
    expect((await call('/admin/complaints', { headers: { cookie: oldSession } })).status).toBe(200);

    const people = await page('/admin/users', owner.cookie);
    expect(people.html).toContain(`/admin/users/${manager.id}/reset`);
    expect(people.html).toContain('Ссылка для сброса пароля');

    const { res, html, path } = await issueReset(owner, manager.id);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain(manager.email);
    expect(path).toMatch(/^\/reset\/[A-Za-z0-9_-]{40,}$/);
    const token = path.split('/')[2]!;
    // Only the token's hash is stored, and the link lives 24 hours.
    const row = await env.DB.prepare(
      'SELECT created_at AS createdAt, expires_at AS expiresAt FROM password_resets WHERE token_hash = ?1',
    )
      .bind(await sha256Hex(token))
      .first<{ createdAt: number; expiresAt: number }>();
    expect(row!.expiresAt - row!.createdAt).toBe(24 * 60 * 60 * 1000);
    expect(await count('password_resets', 'token_hash = ?1', token)).toBe(0);
    // The list page does not show the link again.
    expect((await page('/admin/users', owner.cookie)).html).not.toContain(token);

    const formPage = await call(path);
    expect(formPage.status).toBe(200);
    expect(formPage.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await formPage.text()).toContain(manager.email);

    const done = await setPassword(path);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin');
    const fresh = sessionCookie(done);
    expect((await call('/admin/complaints', { headers: { cookie: fresh } })).status).toBe(200);
    // The session from before the reset is over.
    expect((await call('/admin/complaints', { headers: { cookie: oldSession } })).status).toBe(302);

    expect((await login(manager.email, manager.password, '198.51.100.8')).status).toBe(401);
    expect((await login(manager.email, NEW_PASSWORD, '198.51.100.9')).status).toBe(303);
  });

  it('works once only', async () => {
    const owner = await signIn('owner');
    const staff = await createUser('staff');
    const { path } = await issueReset(owner, staff.id);
    const first = await setPassword(path);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/admin/print');
    const firstSession = sessionCookie(first);

    const again = await setPassword(path, 'другой пароль злоумышленника');
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('Ссылка не действует');
    expect((await call(path)).status).toBe(404);
    // A spent link ends nobody's sessions and changes no password.
    expect((await call('/admin/print', { headers: { cookie: firstSession } })).status).toBe(200);
    expect((await login(staff.email, NEW_PASSWORD, '198.51.100.10')).status).toBe(303);
  });

  it('expires after 24 hours', async () => {
    const owner = await signIn('owner');
    const person = await createUser('manager');
    const { path } = await issueReset(owner, person.id);
    await env.DB.prepare('UPDATE password_resets SET expires_at = ?2 WHERE user_id = ?1')
      .bind(person.id, Date.now() - 1)
      .run();
    expect((await call(path)).status).toBe(404);
    expect((await setPassword(path)).status).toBe(404);
    expect((await login(person.email, person.password, '198.51.100.11')).status).toBe(303);
  });

  it('keeps only the newest link of a person working', async () => {
    const owner = await signIn('owner');
    const person = await createUser('manager');
    const older = await issueReset(owner, person.id);
    const newer = await issueReset(owner, person.id);
    expect((await call(older.path)).status).toBe(404);
    expect((await call(newer.path)).status).toBe(200);
  });

  it('refuses a short or mismatched password with the reason, and the link still works', async () => {
    const owner = await signIn('owner');
    const person = await createUser('manager');
    const { path } = await issueReset(owner, person.id);
    const short = await setPassword(path, 'короткий');
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('не короче 10 символов');
    const mismatch = await setPassword(path, 'достаточно длинный', 'другой длинный пароль');
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Пароли не совпадают');
    expect((await setPassword(path)).status).toBe(303);
  });

  it('lets a locked-out person in at once with the new password', async () => {
    const owner = await signIn('owner');
    const person = await createUser('manager');
    for (let i = 0; i < 6; i++) await login(person.email, 'wrong password', `203.0.113.${i + 1}`);
    expect((await login(person.email, person.password, '203.0.113.50')).status).toBe(429);
    const { path } = await issueReset(owner, person.id);
    expect((await setPassword(path)).status).toBe(303);
    expect((await login(person.email, NEW_PASSWORD, '203.0.113.51')).status).toBe(303);
  });

  it('is not issued for a disabled account, nor usable once the account is disabled', async () => {
    const owner = await signIn('owner');
    const person = await createUser('manager');
    const { path } = await issueReset(owner, person.id);
    expect((await postForm(`/admin/users/${person.id}/disable`, owner, {})).status).toBe(303);
    expect((await call(path)).status).toBe(404);
    expect((await setPassword(path)).status).toBe(404);
    const refused = await postForm(`/admin/users/${person.id}/reset`, owner, {});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('отключён');
  });

  it('answers a malformed or unknown link with 404, and only owners may issue links', async () => {
    expect((await call('/reset/short')).status).toBe(404);
    expect((await call(`/reset/${'x'.repeat(43)}`)).status).toBe(404);
    const manager = await signIn('manager');
    const person = await createUser('staff');
    expect((await postForm(`/admin/users/${person.id}/reset`, manager, {})).status).toBe(403);
    const owner = await signIn('owner');
    expect((await postForm('/admin/users/nobody-here/reset', owner, {})).status).toBe(404);
  });
});
