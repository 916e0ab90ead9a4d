import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { randomToken, sha256Hex } from '../../src/auth/crypto';
import { resetPasswordStatements, RESET_TTL_MS } from '../../scripts/reset-password-sql.mjs';
import { call, createUser } from '../helpers';
import { form, login, sessionCookie } from '../accounts-helpers';

/** Runs the script's statements the way `wrangler d1 execute --command` does: in order, one database. */
async function runScript(email: string, token: string) {
  const id = randomToken(9);
  const results = await env.DB.batch(
    resetPasswordStatements({ id, tokenHash: await sha256Hex(token), email, now: Date.now() }).map((sql) =>
      env.DB.prepare(sql),
    ),
  );
  return (results.at(-1)!.results[0] as { created: number }).created;
}

describe('npm run reset-password (its SQL against D1)', () => {
  it('makes a link for an owner that signs them in with a new password and ends their sessions', async () => {
    const owner = await createUser('owner', `locked-${randomToken(4).toLowerCase()}@example.com`);
    const before = sessionCookie(await login(owner.email, owner.password, '192.0.2.60'));
    const token = randomToken(32);
    // The e-mail is matched as the login is, whatever its case.
    expect(await runScript(owner.email.toUpperCase(), token)).toBe(1);
    const row = await env.DB.prepare(
      'SELECT created_by AS createdBy, expires_at - created_at AS ttl FROM password_resets WHERE token_hash = ?1',
    )
      .bind(await sha256Hex(token))
      .first<{ createdBy: string | null; ttl: number }>();
    expect(row).toEqual({ createdBy: null, ttl: RESET_TTL_MS });

    expect((await call(`/reset/${token}`)).status).toBe(200);
    const done = await call(
      `/reset/${token}`,
      form({ password: 'пароль из командной строки', confirm: 'пароль из командной строки' }),
    );
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin');
    expect((await call('/admin/settings', { headers: { cookie: sessionCookie(done) } })).status).toBe(200);
    expect((await call('/admin/settings', { headers: { cookie: before } })).status).toBe(302);
  });

  it('changes nothing for an unknown or disabled e-mail', async () => {
    expect(await runScript('nobody@example.com', randomToken(32))).toBe(0);
    const person = await createUser('manager');
    await env.DB.prepare('UPDATE users SET disabled_at = ?2 WHERE id = ?1').bind(person.id, Date.now()).run();
    const token = randomToken(32);
    expect(await runScript(person.email, token)).toBe(0);
    expect((await call(`/reset/${token}`)).status).toBe(404);
  });

  it('revokes the earlier link of that person', async () => {
    const person = await createUser('owner');
    const first = randomToken(32);
    const second = randomToken(32);
    await runScript(person.email, first);
    await runScript(person.email, second);
    expect((await call(`/reset/${first}`)).status).toBe(404);
    expect((await call(`/reset/${second}`)).status).toBe(200);
  });
});
