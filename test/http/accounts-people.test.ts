import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/crypto';
import { call, createUser, postForm, signIn } from '../helpers';
import { count, form, login, page, sessionCookie } from '../accounts-helpers';

async function invite(owner: { cookie: string; csrf: string }, email: string, role: string) {
  const res = await postForm('/admin/users/invite', owner, { email, role });
  const html = await res.text();
  const link = /id="secret"[^>]*>(https:\/\/si\.test\/invite\/[A-Za-z0-9_-]+)<\/textarea>/.exec(html)?.[1];
  return { res, html, link, path: link ? new URL(link).pathname : '' };
}

describe('invitations', () => {
  it('lets the owner invite someone who then sets a password and signs in with the invited role', async () => {
    const owner = await signIn('owner');
    const { res, path } = await invite(owner, 'Courier@Example.com', 'staff');
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(path).toMatch(/^\/invite\/[A-Za-z0-9_-]{40,}$/);
    // Only the hash of the link's token is stored.
    const token = path.split('/')[2]!;
    expect(await count('invites', 'token_hash = ?1', await sha256Hex(token))).toBe(1);
    expect(await count('invites', 'token_hash = ?1', token)).toBe(0);

    const pending = await page('/admin/users', owner.cookie);
    expect(pending.html).toContain('courier@example.com');

    const formPage = await call(path);
    expect(formPage.status).toBe(200);
    const formHtml = await formPage.text();
    expect(formHtml).toContain('courier@example.com');
    expect(formHtml).toContain('Сотрудник');
    // The product name and a language switch, as on the sign-in page; the link keeps working in English.
    expect(formHtml).toContain('<span class="brand">Индекс поддержки</span>');
    expect(formHtml).toContain(`href="${path}?lang=en"`);
    const english = await (await call(`${path}?lang=en`)).text();
    expect(english).toContain('courier@example.com');
    expect(english).toContain('Staff');

    const accept = await call(path, form({ name: 'Пётр', password: 'пароль курьера 1', confirm: 'пароль курьера 1' }));
    expect(accept.status).toBe(303);
    expect(accept.headers.get('location')).toBe('/admin/print');
    const cookie = sessionCookie(accept);
    expect((await call('/admin/print', { headers: { cookie } })).status).toBe(200);
    expect((await call('/admin/users', { headers: { cookie } })).status).toBe(403);
    const user = await env.DB.prepare("SELECT name, role FROM users WHERE email = 'courier@example.com'").first();
    expect(user).toEqual({ name: 'Пётр', role: 'staff' });
  });

  it('works once only', async () => {
    const owner = await signIn('owner');
    const { path } = await invite(owner, 'once@example.com', 'manager');
    expect(
      (await call(path, form({ name: 'A', password: 'первый пароль тут', confirm: 'первый пароль тут' }))).status,
    ).toBe(303);
    const again = await call(path, form({ name: 'B', password: 'второй пароль тут', confirm: 'второй пароль тут' }));
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('Ссылка не действует');
    expect((await call(path)).status).toBe(404);
    expect(await count('users', "email = 'once@example.com'")).toBe(1);
  });

  it('expires', async () => {
    const owner = await signIn('owner');
    const { path } = await invite(owner, 'late@example.com', 'manager');
    await env.DB.prepare("UPDATE invites SET expires_at = ?1 WHERE email = 'late@example.com'")
      .bind(Date.now() - 1)
      .run();
    expect((await call(path)).status).toBe(404);
    expect(
      (await call(path, form({ name: 'A', password: 'пароль длинный тут', confirm: 'пароль длинный тут' }))).status,
    ).toBe(404);
    expect(await count('users', "email = 'late@example.com'")).toBe(0);
  });

  it('can be revoked by the owner', async () => {
    const owner = await signIn('owner');
    const { path } = await invite(owner, 'revoked@example.com', 'manager');
    const row = await env.DB.prepare("SELECT id FROM invites WHERE email = 'revoked@example.com'").first<{
      id: string;
    }>();
    expect((await postForm(`/admin/users/invites/${row!.id}/revoke`, owner, {})).status).toBe(303);
    expect((await call(path)).status).toBe(404);
  });

  it('keeps the input and shows the problem for a bad invite form', async () => {
    const owner = await signIn('owner');
    const existing = await createUser('manager');
    const taken = await invite(owner, existing.email, 'manager');
    expect(taken.res.status).toBe(400);
    expect(taken.html).toContain('У этой почты уже есть аккаунт.');
    const bad = await invite(owner, 'nope', 'admin');
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain('value="nope"');
    expect(bad.html).toContain('Выберите роль из списка.');
  });

  it('rejects a weak password on the invite page and keeps the name', async () => {
    const owner = await signIn('owner');
    const { path } = await invite(owner, 'weak@example.com', 'manager');
    const res = await call(path, form({ name: 'Мария', password: 'short', confirm: 'short' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="Мария"');
    expect(html).toContain('не короче 10 символов');
  });

  it('answers an unknown or malformed token with the same page', async () => {
    for (const path of ['/invite/abc', `/invite/${'x'.repeat(43)}`, '/invite/%3Cscript%3E']) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('<script>');
    }
  });
});

describe('people and roles', () => {
  it('changes a role, which takes effect on the next request', async () => {
    const owner = await signIn('owner');
    const manager = await signIn('manager');
    const id = (await env.DB.prepare('SELECT id FROM users WHERE email = ?1')
      .bind(manager.email)
      .first<{ id: string }>())!.id;
    expect((await call('/admin/locations', { headers: { cookie: manager.cookie } })).status).toBe(200);
    expect((await postForm(`/admin/users/${id}/role`, owner, { role: 'staff' })).status).toBe(303);
    expect((await call('/admin/locations', { headers: { cookie: manager.cookie } })).status).toBe(403);
  });

  it('disables an account and ends its sessions; enabling lets it sign in again', async () => {
    const owner = await signIn('owner');
    const user = await createUser('manager');
    const cookie = sessionCookie(await login(user.email, user.password, '192.0.2.40'));
    const id = (await env.DB.prepare('SELECT id FROM users WHERE email = ?1').bind(user.email).first<{ id: string }>())!
      .id;
    expect((await postForm(`/admin/users/${id}/disable`, owner, {})).status).toBe(303);
    expect(await count('sessions', 'user_id = ?1', id)).toBe(0);
    expect((await call('/admin/print', { headers: { cookie } })).status).toBe(302);
    expect((await login(user.email, user.password, '192.0.2.40')).status).toBe(401);
    expect((await postForm(`/admin/users/${id}/enable`, owner, {})).status).toBe(303);
    expect((await login(user.email, user.password, '192.0.2.40')).status).toBe(303);
  });

  it('never leaves the system without an active owner', async () => {
    await env.DB.exec("UPDATE users SET role = 'manager' WHERE role = 'owner'");
    const owner = await signIn('owner');
    const ownerId = (await env.DB.prepare('SELECT id FROM users WHERE email = ?1')
      .bind(owner.email)
      .first<{ id: string }>())!.id;
    const demote = await postForm(`/admin/users/${ownerId}/role`, owner, { role: 'manager' });
    expect(demote.status).toBe(400);
    expect(await demote.text()).toContain('Нельзя оставить систему без владельца');
    const self = await postForm(`/admin/users/${ownerId}/disable`, owner, {});
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('Нельзя отключить собственный аккаунт.');
    expect(await count('users', "role = 'owner' AND disabled_at IS NULL")).toBe(1);

    // With a second owner, the first may step down.
    const second = await createUser('owner');
    expect(second.email).toBeTruthy();
    expect((await postForm(`/admin/users/${ownerId}/role`, owner, { role: 'manager' })).status).toBe(303);
    expect(await count('users', "role = 'owner' AND disabled_at IS NULL")).toBe(1);
  });

  it('is for the owner only', async () => {
    const manager = await signIn('manager');
    expect((await call('/admin/users', { headers: { cookie: manager.cookie } })).status).toBe(403);
    expect((await postForm('/admin/users/invite', manager, { email: 'x@example.com', role: 'owner' })).status).toBe(
      403,
    );
    expect(await count('invites', "email = 'x@example.com'")).toBe(0);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped to their role, show last use, and can be revoked', async () => {
    const owner = await signIn('owner');
    const res = await postForm('/admin/tokens', owner, { name: 'CRM склада', role: 'staff' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const token = /id="secret"[^>]*>(si_[A-Za-z0-9_-]+)<\/textarea>/.exec(await res.text())?.[1];
    expect(token).toBeTruthy();
    expect(await count('api_tokens', 'token_hash = ?1', await sha256Hex(token!))).toBe(1);

    const list = await page('/admin/tokens', owner.cookie);
    expect(list.html).toContain('CRM склада');
    expect(list.html).toContain('не использовался');
    expect(list.html).not.toContain(token!);

    const auth = { authorization: `Bearer ${token}` };
    // Staff may print but not read this API's owner-only parts: the PDF of an unknown batch is a 404, not a 403.
    expect((await call('/api/v1/batches/nope/pdf', { headers: auth })).status).toBe(404);
    const used = await page('/admin/tokens', owner.cookie);
    expect(used.html).not.toContain('не использовался');

    const id = (await env.DB.prepare("SELECT id FROM api_tokens WHERE name = 'CRM склада'").first<{ id: string }>())!
      .id;
    const revoke = await postForm(`/admin/tokens/${id}/revoke`, owner, {});
    expect(revoke.status).toBe(303);
    expect((await call('/api/v1/batches/nope/pdf', { headers: auth })).status).toBe(401);
    expect((await page('/admin/tokens?revoked=1', owner.cookie)).html).toContain('Токен отозван');
  });

  it('need a name and a known role', async () => {
    const owner = await signIn('owner');
    const res = await postForm('/admin/tokens', owner, { name: '  ', role: 'root' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Укажите название');
    expect(html).toContain('Выберите роль из списка.');
  });

  it('are managed by the owner only', async () => {
    const manager = await signIn('manager');
    expect((await postForm('/admin/tokens', manager, { name: 'x', role: 'owner' })).status).toBe(403);
    expect(await count('api_tokens', "name = 'x'")).toBe(0);
  });
});
