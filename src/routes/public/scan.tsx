import { Hono, type Context } from 'hono';
import { cachedCardTarget, cardCacheMs } from '../../db/card-targets';
import { locationReviewTarget, soleLocationReviewTarget, type CardTarget, type ReviewTarget } from '../../db/cards';
import { normalizeCardCode } from '../../domain/codes';
import type { AppEnv } from '../../env';
import { recordScan, scanRequestOf } from '../../services/scan-log';
import { messages } from '../../i18n';

/** What a customer's phone opens from the card: `/r/<code>` (review) and `/c/<code>` (complaint). */
export const scanRoutes = new Hono<AppEnv>();

/**
 * The page for a code that leads nowhere: unknown, malformed, voided, or a location without a
 * review link. It never redirects on its own; it offers the business's review link when the
 * card's location is known (a voided card) or the deployment has a single active location.
 */
export async function unknownCardPage(c: Context<AppEnv>, card: CardTarget | null) {
  const m = messages(c.get('locale')).scans.unknown;
  let target: ReviewTarget | null = null;
  try {
    target = card ? await locationReviewTarget(c.env.DB, card.locationId) : await soleLocationReviewTarget(c.env.DB);
  } catch (error) {
    // The apology page must render even when the database does not answer.
    console.error('review link lookup failed', error);
  }
  const [title, text] = card?.voided
    ? [m.voidedTitle, m.voidedText]
    : card
      ? [m.noLinkTitle, m.noLinkText]
      : [m.title, m.text];
  return scanPage(c, title, text, target, 404);
}

/** When the card cannot be looked up at all (D1 unreachable): ask to scan again, nothing lost. */
export function unavailablePage(c: Context<AppEnv>) {
  const m = messages(c.get('locale')).scans.unknown;
  c.header('retry-after', '30');
  return scanPage(c, m.unavailableTitle, m.unavailableText, null, 503);
}

function scanPage(c: Context<AppEnv>, title: string, text: string, target: ReviewTarget | null, status: 404 | 503) {
  const m = messages(c.get('locale')).scans.unknown;
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-robots-tag', 'noindex');
  c.status(status);
  return c.render(
    <div class="narrow scan-page">
      <h1>{title}</h1>
      <p>{text}</p>
      {target && (
        <>
          <p>{m.offer}</p>
          <p class="scan-business">{target.locationName}</p>
          <p class="actions">
            <a class="btn" href={target.reviewUrl} rel="noreferrer">
              {m.leaveReview}
            </a>
          </p>
        </>
      )}
    </div>,
    { title },
  );
}

// The hot path: the card from memory or one indexed read, then the redirect; the scan is
// written after the response. The target comes only from the database (directly or through
// the isolate's short-lived copy), never from the request (no open redirect).
for (const prefix of ['/r', '/R']) {
  scanRoutes.get(`${prefix}/:code`, async (c) => {
    const code = normalizeCardCode(c.req.param('code'));
    let card: CardTarget | null;
    try {
      card = code
        ? await cachedCardTarget(c.env.DB, code, {
            ttlMs: cardCacheMs(c.env.CARD_CACHE_SECONDS),
            later: (work) => c.executionCtx.waitUntil(work),
          })
        : null;
    } catch (error) {
      console.error('card lookup failed', code, error);
      return unavailablePage(c);
    }
    if (card)
      recordScan(c.env, (work) => c.executionCtx.waitUntil(work), card, 'review', scanRequestOf(c.req.raw, Date.now()));
    if (!card || card.voided || !card.reviewUrl) return unknownCardPage(c, card);
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.redirect(card.reviewUrl, 302);
  });
}
