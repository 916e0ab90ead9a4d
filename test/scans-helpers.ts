import { eventually } from './helpers';
import { env } from 'cloudflare:test';
import { apiPost, createLocation, createToken } from './helpers';

export const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
export const REVIEW_URL = 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/?add-review=true';

/** A fresh location and a printed batch through the API; returns its card codes. */
export async function printBatch(
  count = 3,
): Promise<{ batchId: string; codes: string[]; token: string; locationId: number }> {
  const token = await createToken('owner');
  const location = await createLocation();
  const res = await apiPost('/api/v1/batches', token, { location: location.slug, count });
  if (res.status !== 201) throw new Error(`batch not created: ${res.status} ${await res.text()}`);
  const body = await res.json<{ id: string; cards: { code: string }[] }>();
  return { batchId: body.id, codes: body.cards.map((c) => c.code), token, locationId: location.id };
}

export interface ScanRow {
  card_code: string;
  location_id: number;
  batch_id: string;
  kind: string;
  created_at: number;
  device: string;
  country: string | null;
  is_bot: number;
  visitor: string | null;
  event_id: string;
}

export async function scansOf(code: string): Promise<ScanRow[]> {
  const { results } = await env.DB.prepare('SELECT * FROM scans WHERE card_code = ?1 ORDER BY id')
    .bind(code)
    .all<ScanRow>();
  return results;
}

export { eventually } from './helpers';

/** Waits for `n` stored scans of a card. */
export function scansEventually(code: string, n: number): Promise<ScanRow[]> {
  return eventually(
    () => scansOf(code),
    (rows) => rows.length >= n,
  );
}
