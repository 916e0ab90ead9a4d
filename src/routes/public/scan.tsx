import { Hono, type Context } from 'hono';
import { getCardTarget } from '../../db/cards';
import { normalizeCardCode } from '../../domain/codes';
import type { AppEnv } from '../../env';
import { recordScan } from '../../services/scan-log';
import { renderPage, t } from '../../views/render';

/** What a customer's phone opens from the card: `/r/<code>` (review) and `/c/<code>` (complaint). */
export const scanRoutes = new Hono<AppEnv>();

function unknownCard(c: Context<AppEnv>) {
  const m = t(c);
  return renderPage(
    c,
    m.publicPages.unknownCardTitle,
    <div class="narrow">
      <h1>{m.publicPages.unknownCardTitle}</h1>
      <p>{m.publicPages.unknownCardText}</p>
    </div>,
    { status: 404 },
  );
}

for (const prefix of ['/r', '/R']) {
  scanRoutes.get(`${prefix}/:code`, async (c) => {
    const code = normalizeCardCode(c.req.param('code'));
    const card = code ? await getCardTarget(c.env.DB, code) : null;
    if (!card || card.voided || !card.reviewUrl) return unknownCard(c);
    recordScan(c, card, 'review');
    return c.redirect(card.reviewUrl, 302);
  });
}

