import type { Context } from 'hono';
import type { CardTarget } from '../db/cards';
import type { AppEnv } from '../env';

export type ScanKind = 'review' | 'complaint';

/**
 * Records a scan after the response is sent (`waitUntil`), so logging never delays or breaks
 * the customer's page. Failures are logged, never thrown.
 */
export function recordScan(c: Context<AppEnv>, card: CardTarget, kind: ScanKind): void {
  const work = c.env.DB.prepare(
    `INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, country, is_bot, visitor)
     VALUES (?1, ?2, ?3, ?4, ?5, 'unknown', NULL, 0, NULL)`,
  )
    .bind(card.code, card.locationId, card.batchId, kind, Date.now())
    .run()
    .catch((error) => console.error('scan log failed', error));
  c.executionCtx.waitUntil(work);
}
