import { describe, expect, it } from 'vitest';
import { callWith, count, form, page, sessionCookie } from '../accounts-helpers';
import { call, createLocation, createToken, createUser, ORIGIN, postForm, signIn } from '../helpers';

const DEVICE = /(?:^|,\s*)((?:__Host-)?device=[^;]+)/;

/** The `name=value` of the remembered-device cookie a response sets, or ''. */
function deviceCookie(res: Response): string {
  return DEVICE.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
}

/** A sign-in from a browser that may carry cookies (a remembered device). */
function loginFrom(email: string, password: string, ip: string, cookie = '', next?: string): Promise<Response> {
  const fields: Record<string, string> = { email, password };
  if (next !== undefined) fields.next = next;
  return call('/admin/login', form(fields, cookie ? { 'cf-connecting-ip': ip, cookie } : { 'cf-connecting-ip': ip }));
}

/** Five strangers, each from their own address, lock the account. */
async function lockAccount(email: string): Promise<void> {
  for (let i = 0; i < 5; i++) expect((await loginFrom(email, `stranger ${i}`, `203.0.113.${10 + i}`)).status).toBe(401);
  expect((await loginFrom(email, 'stranger again', '203.0.113.30')).status).toBe(429);
}

function statuses(responses: Response[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const res of responses) out[res.status] = (out[res.status] ?? 0) + 1;
  return out;
}

describe('the lockout under a burst of 50 parallel requests', () => {
  it('lets at most 5 password checks through for one account; the rest get 429', async () => {
    const user = await createUser('manager');
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        loginFrom(user.email, `wrong ${i}`, `198.18.${Math.floor(i / 200)}.${i % 200}`),
      ),
    );
    const seen = statuses(burst);
    expect(seen[401] ?? 0).toBeLessThanOrEqual(5);
    expect(seen[429] ?? 0).toBeGreaterThanOrEqual(45);
    expect((seen[401] ?? 0) + (seen[429] ?? 0)).toBe(50);
    // The lock holds for a new address and the right password too.
    expect((await loginFrom(user.email, user.password, '198.18.9.9')).status).toBe(429);
  });

  it('a burst ending with the right password does not sign in and does not clear the counter', async () => {
    const user = await createUser('owner');
    // The right password joins the burst once ten wrong ones are answered and the rest are still in flight:
    // by then the limit of five is spent, whatever order the runtime serves the requests in.
    let answered = 0;
    let tenAnswered!: () => void;
    const tenDone = new Promise<void>((resolve) => (tenAnswered = resolve));
    const requests = Array.from({ length: 49 }, (_, i) =>
      loginFrom(user.email, `wrong ${i}`, `198.18.1.${i}`).then((res) => {
        if (++answered === 10) tenAnswered();
        return res;
      }),
    );
    await tenDone;
    requests.push(loginFrom(user.email, user.password, '198.18.1.200'));
    const burst = await Promise.all(requests);
    const last = burst[49]!;
    expect(last.status).toBe(429);
    expect(sessionCookie(last)).toBe('');
    expect(await count('sessions', 'user_id = ?1', user.id)).toBe(0);
    expect(statuses(burst)[401] ?? 0).toBeLessThanOrEqual(5);
    // Still locked afterwards: the right password in the burst forgave nothing.
    expect((await loginFrom(user.email, user.password, '198.18.1.201')).status).toBe(429);
  });

  it('a success within the limit still forgives earlier typos', async () => {
    const user = await createUser('manager');
    for (let i = 0; i < 4; i++) expect((await loginFrom(user.email, 'typo', `198.18.2.${i}`)).status).toBe(401);
    expect((await loginFrom(user.email, user.password, '198.18.2.10')).status).toBe(303);
    for (let i = 0; i < 4; i++) expect((await loginFrom(user.email, 'typo', `198.18.2.${20 + i}`)).status).toBe(401);
    expect((await loginFrom(user.email, user.password, '198.18.2.30')).status).toBe(303);
  });

  it('keeps the per-visitor limit of 20 under a parallel burst across many accounts', async () => {
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom(`burst${i}@example.com`, 'password1', '198.18.3.1')),
    );
    const seen = statuses(burst);
    expect(seen[401] ?? 0).toBeLessThanOrEqual(20);
    expect(seen[429] ?? 0).toBeGreaterThanOrEqual(20);
  });
});

describe('a remembered device and the account lock', () => {
  it('sets a long-lived device cookie on sign-in: HttpOnly, Secure, __Host-, about a year', async () => {
    const user = await createUser('staff');
    const res = await loginFrom(user.email, user.password, '198.18.4.1');
    expect(res.status).toBe(303);
    const header =
      (res.headers.get('set-cookie') ?? '').split(/,\s*(?=[\w-]+=)/).find((c) => c.includes('device=')) ?? '';
    expect(header).toMatch(/^__Host-device=[A-Za-z0-9_-]{40,}; /);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('Secure');
    expect(header).toContain('SameSite=Lax');
    expect(header).toContain('Max-Age=31536000');
    // Only a hash of it is kept.
    const raw = deviceCookie(res).split('=')[1]!;
    expect(await count('login_devices', 'id_hash = ?1', raw)).toBe(0);
    expect(await count('login_devices', 'user_id = ?1', user.id)).toBe(1);
  });

  it('lets the owner sign in from a device used before while strangers have locked the account', async () => {
    const user = await createUser('owner');
    const device = deviceCookie(await loginFrom(user.email, user.password, '198.18.5.1'));
    expect(device).not.toBe('');
    await lockAccount(user.email);
    // A stranger with the right password is still locked out; the known device is not.
    expect((await loginFrom(user.email, user.password, '198.18.5.2')).status).toBe(429);
    const res = await loginFrom(user.email, user.password, '198.18.5.3', device);
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).not.toBe('');
    // Its success does not lift the lock for strangers.
    expect((await loginFrom(user.email, user.password, '198.18.5.4')).status).toBe(429);
  });

  it('gives a known device its own small limit, so a stolen cookie is not an unlimited guesser', async () => {
    const user = await createUser('owner');
    const device = deviceCookie(await loginFrom(user.email, user.password, '198.18.6.1'));
    await lockAccount(user.email);
    for (let i = 0; i < 5; i++)
      expect((await loginFrom(user.email, `guess ${i}`, `198.18.6.${10 + i}`, device)).status).toBe(401);
    expect((await loginFrom(user.email, user.password, '198.18.6.20', device)).status).toBe(429);
  });

  it("does not let one person's device bypass another account's lock", async () => {
    const anna = await createUser('owner');
    const boris = await createUser('manager');
    const annasDevice = deviceCookie(await loginFrom(anna.email, anna.password, '198.18.7.1'));
    await lockAccount(boris.email);
    expect((await loginFrom(boris.email, boris.password, '198.18.7.2', annasDevice)).status).toBe(429);
  });

  it('refuses a forged or unknown device cookie', async () => {
    const user = await createUser('owner');
    await lockAccount(user.email);
    expect(
      (
        await loginFrom(
          user.email,
          user.password,
          '198.18.7.10',
          '__Host-device=forged-value-0123456789abcdefghijklmnopqrstuvwxyz',
        )
      ).status,
    ).toBe(429);
  });

  it('still applies the per-visitor lock to a known device', async () => {
    const user = await createUser('owner');
    const device = deviceCookie(await loginFrom(user.email, user.password, '198.18.8.1'));
    for (let i = 0; i < 20; i++) await loginFrom(`nobody${i}@example.com`, 'password1', '198.18.8.2');
    expect((await loginFrom(user.email, user.password, '198.18.8.2', device)).status).toBe(429);
  });

  it('forgets the devices of a person whose password changes', async () => {
    const user = await createUser('manager');
    const oldDevice = deviceCookie(await loginFrom(user.email, user.password, '198.18.9.1'));
    const signedIn = await loginFrom(user.email, user.password, '198.18.9.2');
    const session = { cookie: sessionCookie(signedIn), csrf: '' };
    session.csrf = (await page('/admin/account', session.cookie)).csrf;
    const changed = await postForm('/admin/account/password', session, {
      current: user.password,
      password: 'a brand new passphrase',
      confirm: 'a brand new passphrase',
    });
    expect(changed.status).toBe(303);
    await lockAccount(user.email);
    expect((await loginFrom(user.email, 'a brand new passphrase', '198.18.9.3', oldDevice)).status).toBe(429);
  });

  it('forgets the devices of a person who is disabled, even after they are enabled again', async () => {
    const owner = await signIn('owner');
    const user = await createUser('manager');
    const device = deviceCookie(await loginFrom(user.email, user.password, '198.18.10.1'));
    expect((await postForm(`/admin/users/${user.id}/disable`, owner, {})).status).toBe(303);
    expect(await count('login_devices', 'user_id = ?1', user.id)).toBe(0);
    expect((await postForm(`/admin/users/${user.id}/enable`, owner, {})).status).toBe(303);
    await lockAccount(user.email);
    expect((await loginFrom(user.email, user.password, '198.18.10.2', device)).status).toBe(429);
  });
});

describe('cookies and plain http follow APP_ENV, not the request', () => {
  it('redirects a page over plain http to https in production, and sets no cookie there', async () => {
    const res = await call('http://si.test/admin/login?next=/admin/print');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('https://si.test/admin/login?next=/admin/print');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses (400) a sign-in posted over plain http in production, with a clear message and no session', async () => {
    const user = await createUser('manager');
    const res = await call(
      'http://si.test/admin/login',
      form({ email: user.email, password: user.password }, { origin: 'http://si.test' }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('https');
    expect(await count('sessions', 'user_id = ?1', user.id)).toBe(0);
  });

  it('refuses an API call over plain http with a JSON error', async () => {
    const res = await call('http://si.test/api/v1/complaints', {
      headers: { authorization: 'Bearer whatever' },
      method: 'POST',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'use https: plain http is refused', field: 'url' });
  });

  it('marks every cookie Secure and __Host- in production (session, device, language)', async () => {
    const user = await createUser('staff');
    const res = await call('/admin/login?lang=en', form({ email: user.email, password: user.password }));
    expect(res.status).toBe(303);
    const cookies = (res.headers.get('set-cookie') ?? '').split(/,\s*(?=[\w-]+=)/);
    expect(cookies.length).toBeGreaterThanOrEqual(3);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^__Host-/);
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('Path=/');
    }
    // The language chosen is remembered under its new name.
    const lang = cookies.find((c) => c.startsWith('__Host-lang='))!.split(';')[0]!;
    expect(await (await call('/admin/login', { headers: { cookie: lang } })).text()).toContain('<html lang="en">');
  });

  it('still works over plain http with APP_ENV=development, with plain cookies', async () => {
    const user = await createUser('manager');
    const res = await callWith(
      { APP_ENV: 'development' },
      '/admin/login',
      form(
        { email: user.email, password: user.password },
        { origin: 'http://si.test', 'cf-connecting-ip': '198.18.11.1' },
      ),
      'http://si.test',
    );
    expect(res.status).toBe(303);
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/(?:^|, )sid=/);
    expect(header).not.toContain('__Host-');
    expect(header).not.toContain('Secure');
    const cookie = /(?:^|, )(sid=[^;]+)/.exec(header)![1]!;
    expect(
      (await callWith({ APP_ENV: 'development' }, '/admin', { headers: { cookie } }, 'http://si.test')).status,
    ).toBe(200);
  });
});

describe('the login page and odd input', () => {
  const NEXT = '/admin%0d%0aSet-Cookie:x';

  it('ignores a next parameter with CR/LF on GET, for visitors and for the signed-in', async () => {
    const res = await call(`/admin/login?next=${NEXT}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="next" value="/admin"');
    const session = await signIn('manager');
    const signedIn = await call(`/admin/login?next=${NEXT}`, { headers: { cookie: session.cookie } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/admin');
    expect(signedIn.headers.get('set-cookie') ?? '').not.toContain('x');
  });

  it('ignores a next field with CR/LF on POST and lands on /admin', async () => {
    const user = await createUser('manager');
    const res = await loginFrom(user.email, user.password, '198.18.12.1', '', decodeURIComponent(NEXT));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/(?:^|, )x/);
  });

  it('ignores CR/LF after /admin/ in next, on GET and POST, instead of failing', async () => {
    for (const next of ['/admin/%0d%0aSet-Cookie:x', '/admin?%0d%0aSet-Cookie:x', '/admin/print%0aSet-Cookie:x']) {
      const shown = await call(`/admin/login?next=${next}`);
      expect(shown.status).toBe(200);
      expect(await shown.text()).toContain('name="next" value="/admin"');
      const user = await createUser('manager');
      const res = await loginFrom(user.email, user.password, '198.18.12.2', '', decodeURIComponent(next));
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin');
    }
  });

  it('answers malformed multipart on /admin/login with 400 and on /setup with 404', async () => {
    const headers = { 'content-type': 'multipart/form-data; boundary=XyZ', origin: ORIGIN };
    const cut = '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nabc';
    expect((await call('/admin/login', { method: 'POST', headers, body: cut })).status).toBe(400);
    expect(
      (
        await callWith({ SETUP_SECRET: 'a-setup-secret-long-enough' }, '/setup?secret=a-setup-secret-long-enough', {
          method: 'POST',
          headers,
          body: cut,
        })
      ).status,
    ).toBe(404);
  });
});

describe('tokens of a disabled person', () => {
  it('stop working when the person who created them is disabled, and stay revoked after enabling', async () => {
    const boss = await signIn('owner');
    const other = await createUser('owner');
    const res = await loginFrom(other.email, other.password, '198.18.13.1');
    const session = { cookie: sessionCookie(res), csrf: '' };
    session.csrf = (await page('/admin/tokens', session.cookie)).csrf;
    const created = await postForm('/admin/tokens', session, { name: 'CRM', role: 'manager' });
    expect(created.status).toBe(201);
    const token = /(si_[A-Za-z0-9_-]{40,})/.exec(await created.text())![1]!;
    const list = () => call('/api/v1/complaints', { headers: { authorization: `Bearer ${token}` } });
    expect((await list()).status).toBe(200);
    expect((await postForm(`/admin/users/${other.id}/disable`, boss, {})).status).toBe(303);
    expect((await list()).status).toBe(401);
    expect((await postForm(`/admin/users/${other.id}/enable`, boss, {})).status).toBe(303);
    expect((await list()).status).toBe(401);
  });

  it('says so on the tokens page', async () => {
    const boss = await signIn('owner');
    expect((await page('/admin/tokens', boss.cookie)).html).toContain(
      'отключение сотрудника отзывает все созданные им токены',
    );
  });
});

describe('PUBLIC_ORIGIN in production', () => {
  it('puts the configured origin in card URLs, whatever the Host header says', async () => {
    const { slug } = await createLocation();
    const token = await createToken('manager');
    const res = await call('/api/v1/batches', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', host: 'evil.example' },
      body: JSON.stringify({ location: slug, count: 1 }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { cards: { reviewUrl: string }[] };
    expect(body.cards[0]!.reviewUrl).toMatch(/^HTTPS:\/\/Q\.SI\.TEST\/R\//);
  });

  it('refuses to print over the API when it is empty, and stores nothing', async () => {
    const { slug } = await createLocation();
    const token = await createToken('manager');
    const before = await count('batches');
    const res = await callWith({ PUBLIC_ORIGIN: '' }, '/api/v1/batches', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ location: slug, count: 2 }),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'PUBLIC_ORIGIN is not set', field: 'PUBLIC_ORIGIN' });
    expect(await count('batches')).toBe(before);
  });

  it('shows a visible error on the print page when it is empty, and stores nothing', async () => {
    const { slug } = await createLocation();
    const session = await signIn('staff');
    const shown = await callWith({ PUBLIC_ORIGIN: '' }, '/admin/print', { headers: { cookie: session.cookie } });
    expect(await shown.text()).toContain('PUBLIC_ORIGIN');
    const before = await count('batches');
    const res = await callWith(
      { PUBLIC_ORIGIN: '' },
      '/admin/print',
      form(
        { _csrf: session.csrf, location: slug, template: 'classic', format: 'a6', count: '2', orders: '' },
        { cookie: session.cookie },
      ),
    );
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('PUBLIC_ORIGIN');
    expect(await count('batches')).toBe(before);
  });

  it('uses the request origin only with APP_ENV=development', async () => {
    const { slug } = await createLocation();
    const token = await createToken('manager');
    const res = await callWith(
      { PUBLIC_ORIGIN: '', APP_ENV: 'development' },
      '/api/v1/batches',
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ location: slug, count: 1 }),
      },
      'http://127.0.0.1:8787',
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { cards: { reviewUrl: string }[] };
    expect(body.cards[0]!.reviewUrl).toMatch(/^HTTP:\/\/127\.0\.0\.1:8787\/R\//);
  });
});
