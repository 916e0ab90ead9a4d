import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { countEvents, getComplaint, getComplaintCard, type Complaint, type ComplaintCard } from '../../db/complaints';
import { ensureDefaultReasons, listActiveReasons } from '../../db/reasons';
import { getSettings, type Settings } from '../../db/settings';
import { normalizeCardCode } from '../../domain/codes';
import { DEFAULT_REASONS, LIMITS, validateDetails } from '../../domain/complaints';
import type { AppEnv } from '../../env';
import { fill, messages } from '../../i18n';
import { complaintPages } from '../../i18n/complaints';
import { registerComplaint, saveDetails } from '../../services/complaint-intake';
import { recordScan } from '../../services/scan-log';
import { unknownCardPage } from './scan';
import { ConsentPage, DetailsPage, DonePage, formatTarget, PublicLayout, ReasonsPage, type DetailsErrors, type DetailsValues } from '../../views/complaint-public';
import { PUBLIC_STYLESHEET } from '../../views/complaint-styles';

/**
 * The customer's complaint flow, opened from the card's second QR code: `/c/<code>` (reasons,
 * one tap registers), `/c/<code>/<id>` (optional comment and contact), `/c/<code>/<id>/done`.
 * No JavaScript; every rejection re-renders the page with what the customer typed.
 */
export const complaintRoutes = new Hono<AppEnv>();

function render(c: Context<AppEnv>, title: string, body: Child, options: { status?: ContentfulStatusCode; business?: ComplaintCard } = {}) {
  const locale = c.get('locale');
  c.header('cache-control', 'private, no-store');
  const business = options.business ? { name: options.business.locationName, address: options.business.locationAddress } : undefined;
  return c.html(
    <PublicLayout t={complaintPages[locale]} locale={locale} title={title} path={new URL(c.req.url).pathname} business={business}>
      {body}
    </PublicLayout>,
    options.status ?? 200,
  );
}

/** A code that is not a live card, or a complaint URL whose parts do not belong together. */
function unknownCard(c: Context<AppEnv>) {
  const m = messages(c.get('locale')).publicPages;
  return render(c, m.unknownCardTitle, <><h1>{m.unknownCardTitle}</h1><p>{m.unknownCardText}</p></>, { status: 404 });
}

async function reasonsOf(db: D1Database, locationId: number) {
  let reasons = await listActiveReasons(db, locationId);
  if (reasons.length === 0) {
    await ensureDefaultReasons(db, locationId, DEFAULT_REASONS.map((r) => r.ru), Date.now());
    reasons = await listActiveReasons(db, locationId);
  }
  return reasons;
}

async function showReasons(c: Context<AppEnv>, card: ComplaintCard, error?: string, status: ContentfulStatusCode = 200) {
  const locale = c.get('locale');
  const t = complaintPages[locale];
  const reasons = await reasonsOf(c.env.DB, card.locationId);
  return render(c, t.title, <ReasonsPage t={t} locale={locale} code={card.code} reasons={reasons} error={error} />, { status, business: card });
}

/** The card and complaint named in the URL, or null when they do not belong together. */
async function loadComplaint(c: Context<AppEnv>): Promise<{ card: ComplaintCard; complaint: Complaint } | null> {
  const code = normalizeCardCode(c.req.param('code') ?? '');
  const id = c.req.param('id') ?? '';
  if (!code || !/^[\w-]{8,32}$/.test(id)) return null;
  const [card, complaint] = await Promise.all([getComplaintCard(c.env.DB, code), getComplaint(c.env.DB, id)]);
  return card && complaint && complaint.code === card.code ? { card, complaint } : null;
}

const detailsOpen = (complaint: Complaint, now: number) => now - complaint.createdAt < LIMITS.detailsWindowMs;
const base = (complaint: Complaint) => `/c/${complaint.code}/${complaint.id}`;

function showDetails(
  c: Context<AppEnv>,
  found: { card: ComplaintCard; complaint: Complaint },
  settings: Settings,
  values: DetailsValues,
  errors: DetailsErrors,
  status: ContentfulStatusCode = 200,
) {
  const locale = c.get('locale');
  const t = complaintPages[locale];
  const { complaint } = found;
  const existing = c.req.query('again') === '1';
  return render(
    c,
    existing ? t.existingTitle : t.thanksTitle,
    <DetailsPage
      t={t}
      locale={locale}
      action={base(complaint)}
      doneHref={`${base(complaint)}/done`}
      reason={complaint.reason}
      existing={existing}
      askContact={settings.contactMode !== 'off'}
      savedContact={complaint.contactMasked}
      business={{ phone: settings.businessPhone, telegram: settings.businessTelegram }}
      values={values}
      errors={errors}
    />,
    { status, business: found.card },
  );
}

complaintRoutes.get('/assets/public.css', (c) => {
  c.header('content-type', 'text/css; charset=utf-8');
  c.header('cache-control', 'public, max-age=86400');
  return c.body(PUBLIC_STYLESHEET);
});

complaintRoutes.get('/privacy/consent', async (c) => {
  const t = complaintPages[c.get('locale')];
  const settings = await getSettings(c.env.DB);
  return render(c, t.consentTitle, <ConsentPage t={t} text={settings.consentText} />);
});

for (const prefix of ['/c', '/C']) {
  complaintRoutes.get(`${prefix}/:code`, async (c) => {
    const code = normalizeCardCode(c.req.param('code'));
    if (!code) return unknownCardPage(c, null);
    const card = await getComplaintCard(c.env.DB, code);
    // A voided card's scan still counts as a scan; the page then apologises like the review link does.
    if (card) recordScan(c, card, 'complaint');
    if (!card || card.voided) return unknownCardPage(c, card);
    return showReasons(c, card);
  });

  complaintRoutes.post(`${prefix}/:code`, async (c) => {
    const code = normalizeCardCode(c.req.param('code'));
    const card = code ? await getComplaintCard(c.env.DB, code) : null;
    if (!card || card.voided) return unknownCard(c);
    const t = complaintPages[c.get('locale')];
    const body = await c.req.parseBody();
    if (typeof body.website === 'string' && body.website.trim() !== '') return showReasons(c, card, t.errors.honeypot, 400);
    const reasonId = typeof body.reason === 'string' && /^\d{1,9}$/.test(body.reason) ? Number(body.reason) : null;
    if (reasonId === null) return showReasons(c, card, t.errors.badReason, 400);
    const outcome = await registerComplaint(c, card, reasonId, await getSettings(c.env.DB));
    switch (outcome.kind) {
      case 'created':
        return c.redirect(`/c/${card.code}/${outcome.id}`, 303);
      case 'existing':
        return c.redirect(`/c/${card.code}/${outcome.id}?again=1`, 303);
      case 'limited':
        return showReasons(c, card, t.errors.limited, 429);
      case 'badReason':
        return showReasons(c, card, t.errors.badReason, 400);
    }
  });

  complaintRoutes.get(`${prefix}/:code/:id`, async (c) => {
    const found = await loadComplaint(c);
    if (!found) return unknownCard(c);
    if (!detailsOpen(found.complaint, Date.now())) return c.redirect(`${base(found.complaint)}/done`, 302);
    const settings = await getSettings(c.env.DB);
    return showDetails(c, found, settings, { comment: found.complaint.comment ?? '', contact: '', consent: false }, {});
  });

  complaintRoutes.post(`${prefix}/:code/:id`, async (c) => {
    const found = await loadComplaint(c);
    if (!found) return unknownCard(c);
    const t = complaintPages[c.get('locale')];
    const body = await c.req.parseBody();
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
    const values: DetailsValues = { comment: text('comment'), contact: text('contact'), consent: text('consent') !== '' };
    const settings = await getSettings(c.env.DB);
    const now = Date.now();
    if (!detailsOpen(found.complaint, now)) return showDetails(c, found, settings, values, { form: t.errors.detailsClosed }, 400);
    if ((await countEvents(c.env.DB, found.complaint.id, 'details')) >= LIMITS.detailsPerComplaint) {
      return showDetails(c, found, settings, values, { form: t.errors.detailsLimit }, 429);
    }
    const result = validateDetails({ ...values, honeypot: text('website') }, settings.contactMode);
    if (!result.ok) {
      const e = result.errors;
      const errors: DetailsErrors = {};
      if (e.form) errors.form = t.errors.honeypot;
      if (e.comment) errors.comment = fill(t.errors.commentTooLong, { count: values.comment.trim().length });
      if (e.contact) errors.contact = t.errors.contactInvalid;
      if (e.consent) errors.consent = t.errors.consentRequired;
      return showDetails(c, found, settings, values, errors, 400);
    }
    const unchanged = result.contact === null && result.comment === found.complaint.comment;
    if (!unchanged) await saveDetails(c, found.complaint, result, settings);
    return c.redirect(`${base(found.complaint)}/done`, 303);
  });

  complaintRoutes.get(`${prefix}/:code/:id/done`, async (c) => {
    const found = await loadComplaint(c);
    if (!found) return unknownCard(c);
    const locale = c.get('locale');
    const t = complaintPages[locale];
    const settings = await getSettings(c.env.DB);
    const { complaint } = found;
    const hasContact = complaint.contactMasked !== null;
    return render(
      c,
      t.doneTitle,
      <DonePage
        t={t}
        duration={formatTarget(settings.responseTargetMinutes, t, locale)}
        hasContact={hasContact}
        forwarded={hasContact && complaint.contact === null && settings.contactMode === 'forward'}
        business={{ phone: settings.businessPhone, telegram: settings.businessTelegram }}
        addMoreHref={detailsOpen(complaint, Date.now()) ? base(complaint) : null}
      />,
      { business: found.card },
    );
  });
}
