import { env } from 'cloudflare:test';
import { randomToken } from '../src/auth/crypto';
import { insertBatch } from '../src/db/batches';
import { DEFAULT_SETTINGS, saveSettings } from '../src/db/settings';
import type { Settings } from '../src/domain/settings';
import { call, createLocation, ORIGIN } from './helpers';

export const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** A printed card of a fresh location (or of `locationId`). */
export async function createCard(options: { orderRef?: string; locationId?: number } = {}) {
  const locationId = options.locationId ?? (await createLocation()).id;
  const code = randomCode();
  const batchId = randomToken(9);
  await insertBatch(
    env.DB,
    {
      id: batchId,
      locationId,
      template: 'classic',
      format: 'a6',
      createdBy: 'test',
      cards: [{ code, orderRef: options.orderRef ?? null }],
    },
    Date.now(),
  );
  return { code, locationId, batchId };
}

function randomCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => alphabet[b & 31]).join('');
}

/** Each simulated customer has their own phone (IP address). */
export function newVisitorIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/** A customer's phone: same-origin form posts, its own IP. */
export function customer(ip = newVisitorIp(), lang?: string) {
  const headers = (extra: Record<string, string> = {}) => ({
    'cf-connecting-ip': ip,
    'user-agent': PHONE_UA,
    ...(lang ? { 'accept-language': lang } : {}),
    ...extra,
  });
  return {
    ip,
    get: (path: string) => call(path, { headers: headers() }),
    post: (path: string, fields: Record<string, string>) =>
      call(path, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }),
        body: new URLSearchParams(fields),
      }),
  };
}

/** The reason buttons on a complaint page: value and label. */
export function reasonButtons(html: string): { id: string; label: string }[] {
  return [...html.matchAll(/<button class="reason" type="submit" name="reason" value="(\d+)">([^<]*)<\/button>/g)].map(
    (m) => ({
      id: m[1]!,
      label: m[2]!,
    }),
  );
}

/** Opens the card and taps the first reason; returns the redirect to the thanks page. */
export async function complain(code: string, who = customer(), reasonIndex = 0) {
  const page = await who.get(`/c/${code}`);
  const reason = reasonButtons(await page.text())[reasonIndex];
  if (!reason) throw new Error(`no reason buttons on /c/${code} (${page.status})`);
  const res = await who.post(`/c/${code}`, { reason: reason.id, website: '' });
  const location = res.headers.get('location') ?? '';
  const id = /^\/c\/[^/]+\/([^/?]+)/.exec(location)?.[1] ?? '';
  return { res, location, id, reason };
}

export async function setSettings(changes: Partial<Settings>) {
  await saveSettings(env.DB, changes, Date.now());
}

export async function resetSettings() {
  await env.DB.prepare('DELETE FROM settings').run();
  await saveSettings(env.DB, { ...DEFAULT_SETTINGS }, Date.now());
}

export interface ComplaintRow {
  id: string;
  card_code: string;
  reason_label: string;
  comment: string | null;
  contact: string | null;
  contact_masked: string | null;
  consent_at: number | null;
  status: string;
  created_at: number;
  first_response_at: number | null;
}

export async function complaintsOf(code: string): Promise<ComplaintRow[]> {
  const { results } = await env.DB.prepare('SELECT * FROM complaints WHERE card_code = ?1 ORDER BY created_at')
    .bind(code)
    .all<ComplaintRow>();
  return results;
}

/** Moves a complaint back in time, as if it had been made `ms` earlier. */
export async function age(id: string, ms: number) {
  await env.DB.prepare('UPDATE complaints SET created_at = created_at - ?2, due_at = due_at - ?2 WHERE id = ?1')
    .bind(id, ms)
    .run();
}

/** Text of an HTML page with tags stripped and entities of quotes decoded, for "the page says" checks. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

export { eventually } from './helpers';

/** The complaint settings form as the page first shows it (store mode, no channels), for posting with changes. */
export const SETTINGS_FORM = {
  contactMode: 'store',
  responseTargetMinutes: '60',
  businessPhone: '',
  businessTelegram: '',
  consentText: 'Согласие на обработку контакта.',
  telegramBotToken: '',
  telegramChatId: '',
  telegramApiBase: 'https://api.telegram.org',
  webhookUrl: '',
  webhookSecret: '',
};
