import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { callWith, count, form, sessionCookie } from '../accounts-helpers';
import { createUser } from '../helpers';

const SECRET = 'setup-secret-0123456789abcdef';
const withSecret = { SETUP_SECRET: SECRET };
const owner = {
  secret: SECRET,
  name: 'Анна Петрова',
  email: 'Anna@Example.com',
  password: 'три слова подряд',
  confirm: 'три слова подряд',
};

describe('first owner setup', () => {
  beforeEach(async () => {
    await env.DB.exec('DELETE FROM sessions; DELETE FROM users;');
  });

  it('is an ordinary 404 without the secret, with a wrong one, or when no secret is configured', async () => {
    for (const path of ['/setup', '/setup?secret=', '/setup?secret=wrong', `/setup?secret=${SECRET}x`]) {
      const res = await callWith(withSecret, path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('name="secret"');
    }
    expect((await callWith({ SETUP_SECRET: undefined }, '/setup?secret=')).status).toBe(404);
    expect((await callWith({ SETUP_SECRET: 'short' }, '/setup?secret=short')).status).toBe(404);
    expect((await callWith(withSecret, '/setup', form({ ...owner, secret: 'wrong' }))).status).toBe(404);
    expect(await count('users')).toBe(0);
  });

  it('creates the first owner, signs them in, and then closes for good', async () => {
    const formPage = await callWith(withSecret, `/setup?secret=${SECRET}`);
    expect(formPage.status).toBe(200);
    expect(await formPage.text()).toContain('Создайте аккаунт владельца');

    const res = await callWith(withSecret, '/setup', form(owner));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/^__Host-sid=/);
    const user = await env.DB.prepare('SELECT email, name, role, password_hash FROM users').first<{
      email: string;
      name: string;
      role: string;
      password_hash: string;
    }>();
    expect(user).toMatchObject({ email: 'anna@example.com', name: 'Анна Петрова', role: 'owner' });
    expect(user!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);

    const admin = await callWith(withSecret, '/admin/users', { headers: { cookie } });
    expect(admin.status).toBe(200);

    expect((await callWith(withSecret, `/setup?secret=${SECRET}`)).status).toBe(404);
    expect((await callWith(withSecret, '/setup', form({ ...owner, email: 'second@example.com' }))).status).toBe(404);
    expect(await count('users')).toBe(1);
  });

  it('keeps the input and names the fields when the form is wrong', async () => {
    const res = await callWith(
      withSecret,
      '/setup',
      form({ ...owner, email: 'not-an-email', password: 'short', confirm: 'short' }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="Анна Петрова"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('Проверьте адрес почты.');
    expect(html).toContain('не короче 10 символов');
    const mismatch = await callWith(withSecret, '/setup', form({ ...owner, confirm: 'другие слова вообще' }));
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Пароли не совпадают.');
    expect(await count('users')).toBe(0);
  });

  it('is closed once any owner exists', async () => {
    await createUser('owner');
    expect((await callWith(withSecret, `/setup?secret=${SECRET}`)).status).toBe(404);
  });

  it('refuses a cross-site post', async () => {
    const res = await callWith(withSecret, '/setup', form(owner, { origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(await count('users')).toBe(0);
  });
});
