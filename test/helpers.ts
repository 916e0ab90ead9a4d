import { createExecutionContext, env } from 'cloudflare:test';
import worker from '../src/index';
import { randomToken, sha256Hex } from '../src/auth/crypto';
import { hashPassword } from '../src/auth/password';
import { insertApiToken } from '../src/db/api-tokens';
import { insertLocation } from '../src/db/locations';
import type { WeeklyHours } from '../src/domain/working-time';
import { insertUser } from '../src/db/users';
import type { Role } from '../src/auth/roles';

export const ORIGIN = 'https://si.test';

/**
 * A request through the Worker's own fetch handler, as a browser or CRM would send it. The handler
 * is called in this isolate with the test bindings; work it leaves to `ctx.waitUntil` goes on after
 * the response, as in production (tests wait for it with `eventually`). Not through
 * `exports.default.fetch`: with vitest-pool-workers 0.23 every such call re-imports the Worker
 * through the module runner and costs more than the last (2 ms at first, 40 ms after 400 calls),
 * which made long files quadratic.
 */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(
    worker.fetch(new Request(new URL(path, ORIGIN), { redirect: 'manual', ...init }), env, createExecutionContext()),
  );
}

// Hashing with full PBKDF2 costs ~50 ms; tests share one hash of this password.
const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

export async function createUser(role: Role, email = `${role}-${randomToken(6)}@example.com`) {
  passwordHash ??= hashPassword(PASSWORD);
  const id = randomToken(12);
  await insertUser(env.DB, { id, email, name: role, role, passwordHash: await passwordHash }, Date.now());
  return { id, email, password: PASSWORD };
}

/** Signs in through the login form; returns the cookie header and the page's CSRF token. */
export async function signIn(role: Role): Promise<{ cookie: string; csrf: string; email: string }> {
  const user = await createUser(role);
  const res = await call('/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: new URLSearchParams({ email: user.email, password: user.password }),
  });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const page = await (await call('/admin/print', { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return { cookie, csrf, email: user.email };
}

/** Posts a form as a signed-in browser would (same-origin, with the CSRF token). */
export function postForm(path: string, session: { cookie: string; csrf: string }, fields: Record<string, string>) {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: session.cookie },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
}

export async function createToken(role: Role): Promise<string> {
  const token = `tok_${randomToken(24)}`;
  await insertApiToken(
    env.DB,
    { id: randomToken(8), name: `${role} token`, tokenHash: await sha256Hex(token), role, createdBy: null },
    Date.now(),
  );
  return token;
}

/**
 * A location with one review link. Its cards count on their print day unless `handOutDays` says
 * otherwise (the product's default is 7), so tests about other things see whole batches at once.
 */
export async function createLocation(
  slug = `loc-${randomToken(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`,
  options: { timeZone?: string; handOutDays?: number; hours?: WeeklyHours | null; holidays?: string[] } = {},
) {
  const id = await insertLocation(
    env.DB,
    {
      slug,
      name: 'Пекарня «Колобок»',
      address: 'Москва, ул. Ленина, 1',
      timeZone: options.timeZone ?? 'Europe/Moscow',
      handOutDays: options.handOutDays ?? 1,
      cardTexts: { headline: null, reviewCaption: null, complaintCaption: null, footer: null },
      reviewLinks: [
        {
          platform: 'yandex_maps',
          url: 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/?add-review=true',
          isPrimary: true,
        },
      ],
      hours: options.hours ?? null,
      holidays: options.holidays ?? [],
    },
    Date.now(),
  );
  return { id, slug };
}

export function apiPost(path: string, token: string, body: unknown): Promise<Response> {
  return call(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Work done after the response (scan logs, notifications): waits until `check` holds, or returns the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
