import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { randomToken } from '../src/auth/crypto';
import { newCardCode } from '../src/domain/codes';
import { app } from '../src/index';
import type { Bindings } from '../src/env';
import { call, createLocation, ORIGIN } from './helpers';

/** A request through the app with extra bindings (e.g. SETUP_SECRET, which the test config leaves unset). */
export async function callWith(
  bindings: Partial<Bindings>,
  path: string,
  init: RequestInit = {},
  origin = ORIGIN,
): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(new URL(path, origin), { redirect: 'manual', ...init }),
    { ...env, ...bindings },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

export function form(fields: Record<string, string>, extra: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...extra },
    body: new URLSearchParams(fields),
  };
}

/** The `name=value` part of a response's session cookie. */
export function sessionCookie(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /(?:^|,\s*)((?:__Host-)?sid=[^;]+)/.exec(header);
  return match?.[1] ?? '';
}

export function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** Opens a page as a signed-in browser and returns its HTML and CSRF token. */
export async function page(path: string, cookie: string): Promise<{ status: number; html: string; csrf: string }> {
  const res = await call(path, { headers: { cookie } });
  const html = await res.text();
  return { status: res.status, html, csrf: csrfOf(html) };
}

export async function login(email: string, password: string, ip = '192.0.2.1'): Promise<Response> {
  return call('/admin/login', form({ email, password }, { 'cf-connecting-ip': ip }));
}

export async function count(table: string, where = '1 = 1', ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * A complaint with personal data, a note in its history and a notification, stored the way the
 * complaint page stores them, at `createdAt`.
 */
export async function createComplaint(createdAt = Date.now()) {
  const { id: locationId } = await createLocation();
  const batchId = `b_${randomToken(6)}`;
  const code = newCardCode();
  const complaintId = `c_${randomToken(8)}`;
  const db = env.DB;
  const reason = await db
    .prepare(
      `INSERT INTO complaint_reasons (location_id, label, position, created_at) VALUES (?1, 'Опоздал курьер', 0, ?2) RETURNING id`,
    )
    .bind(locationId, createdAt)
    .first<{ id: number }>();
  await db.batch([
    db
      .prepare(
        `INSERT INTO batches (id, location_id, template, format, card_count, created_by, created_at) VALUES (?1, ?2, 'classic', 'a6', 1, 'test', ?3)`,
      )
      .bind(batchId, locationId, createdAt),
    db
      .prepare(`INSERT INTO cards (code, batch_id, location_id, position) VALUES (?1, ?2, ?3, 0)`)
      .bind(code, batchId, locationId),
    db
      .prepare(
        `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, comment, contact, contact_masked,
           consent_at, visitor, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'Опоздал курьер', 'Ждал два часа, Иван', '+7 916 123-45-67', '+7 916 ***-**-67', ?6, 'visitorhash', ?6, ?6)`,
      )
      .bind(complaintId, code, locationId, batchId, reason!.id, createdAt),
    db
      .prepare(
        `INSERT INTO complaint_events (complaint_id, kind, note, actor, created_at) VALUES (?1, 'note', 'Позвонил Ивану', 'owner@example.com', ?2)`,
      )
      .bind(complaintId, createdAt + 1),
    db
      .prepare(
        `INSERT INTO notifications (id, complaint_id, channel, event, payload, status, next_attempt_at, created_at)
         VALUES (?1, ?2, 'telegram', 'created', '{"contact":"+7 916 123-45-67"}', 'sent', ?3, ?3)`,
      )
      .bind(`n_${randomToken(6)}`, complaintId, createdAt),
  ]);
  return { complaintId, locationId, code, batchId };
}
