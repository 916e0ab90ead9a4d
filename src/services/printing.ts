import { getBatchForPrint, insertBatch, type Batch } from '../db/batches';
import type { LocationWithLinks } from '../db/locations';
import { cardUrls, newCardCode } from '../domain/codes';
import type { CardFormat } from '../pdf/render';
import { renderBatchPdf } from '../pdf/render';
import { allowsPlainHttp } from '../auth/cookies';
import { randomToken } from '../auth/crypto';
import type { Bindings } from '../env';
import { AppError } from '../errors';
import { loadDesignInput } from './card-design';

export interface PrintedCard {
  code: string;
  reviewUrl: string;
  complaintUrl: string;
  order?: string;
}

export interface NewBatchInput {
  location: LocationWithLinks;
  format: CardFormat;
  templateId: string;
  count: number;
  orders: string[] | null;
  createdBy: string;
}

/**
 * Records a print run and its cards. Codes carry 50 random bits, so a clash is next to
 * impossible; if one happens the primary key refuses it and the batch is drawn again.
 */
export async function createBatch(
  db: D1Database,
  origin: string,
  input: NewBatchInput,
  now: number,
): Promise<{ id: string; cards: PrintedCard[] }> {
  const id = randomToken(9);
  for (let attempt = 1; ; attempt++) {
    const cards = Array.from({ length: input.count }, (_, i) => ({
      code: newCardCode(),
      orderRef: input.orders?.[i] ?? null,
    }));
    try {
      await insertBatch(
        db,
        { id, locationId: input.location.id, template: input.templateId, format: input.format, createdBy: input.createdBy, cards },
        now,
      );
      return {
        id,
        cards: cards.map((card) => ({
          code: card.code,
          ...cardUrls(origin, card.code),
          ...(card.orderRef === null ? {} : { order: card.orderRef }),
        })),
      };
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('UNIQUE')) throw error;
    }
  }
}

/** Draws a stored batch again, exactly as first printed (codes and order refs are stored). */
export async function renderStoredBatch(
  db: D1Database,
  origin: string,
  batchId: string,
): Promise<{ batch: Batch; pdf: Uint8Array } | null> {
  const stored = await getBatchForPrint(db, batchId);
  if (!stored) return null;
  const { batch, location, cards } = stored;
  const design = await loadDesignInput(db, location, batch.format, batch.template);
  const pdf = await renderBatchPdf({
    ...design,
    cards: cards.map((card) => ({ code: card.code, ...cardUrls(origin, card.code), orderRef: card.orderRef })),
  });
  return { batch, pdf };
}

/**
 * The origin printed in QR codes and notification links: PUBLIC_ORIGIN, or, only in
 * development, the one the request came to. Elsewhere the Host header is never trusted: null.
 */
export function publicOrigin(env: Pick<Bindings, 'PUBLIC_ORIGIN' | 'APP_ENV'>, requestUrl: string): string | null {
  const configured = env.PUBLIC_ORIGIN?.trim();
  if (configured) return configured;
  return allowsPlainHttp(env) ? new URL(requestUrl).origin : null;
}

/** The origin for printing; without one, printing refuses before anything is stored. */
export function printingOrigin(env: Pick<Bindings, 'PUBLIC_ORIGIN' | 'APP_ENV'>, requestUrl: string): string {
  const origin = publicOrigin(env, requestUrl);
  if (origin === null) throw new AppError(503, 'PUBLIC_ORIGIN is not set', 'PUBLIC_ORIGIN');
  return origin;
}
