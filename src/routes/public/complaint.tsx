import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { randomToken } from '../../auth/crypto';
import { countEvents, getComplaint, type ComplaintCard } from '../../db/complaints';
import { complaintDueAt, LIMITS, validateDetails, type Complaint } from '../../domain/complaints';
import { getSettings } from '../../db/settings';
import type { Settings } from '../../domain/settings';
import { normalizeCardCode } from '../../domain/codes';
import type { AppEnv } from '../../env';
import { fill, messages, type Locale, type Messages } from '../../i18n';
import {
  addDetails,
  ownsComplaint,
  publicOriginOf,
  recentlyProven,
  registerComplaint,
} from '../../services/complaint-intake';
import {
  cardRepliesOrNone,
  complaintCardOrCopy,
  reasonsOrCopy,
  settingsOrCopy,
} from '../../services/complaint-page-copy';
import { COMPLAINT_COOKIE, complaintCookie, provenComplaint } from '../../services/complaint-proof';
import { queueComplaintMessage } from '../../services/complaint-queue';
import { deliveryPolicy, sendNow } from '../../services/notify';
import { recordScan, scanRequestOf } from '../../services/scan-log';
import { visitOf, visitorOf } from '../../services/visitor';
import { unavailablePage, unknownCardPage } from './scan';
import {
  ConsentPage,
  DetailsPage,
  DonePage,
  formatDueWhen,
  formatTarget,
  type DonePromise,
  ReasonsPage,
  type DetailsErrors,
  type DetailsValues,
} from '../../views/complaint-public';
import { assetHref } from '../../views/assets';
import { CardReplies, ReplyWait } from '../../views/public-reply';

/** A thanks page without script reloads itself every minute for this long while no reply has come. */
const REFRESH_WITHOUT_SCRIPT_MS = 2 * 60 * 60 * 1000;

/**
 * The customer's complaint flow, opened from the card's second QR code: `/c/<code>` (reasons,
 * one tap registers), `/c/<code>/<id>` (optional comment and contact), `/c/<code>/<id>/done`.
 * No JavaScript needed (the thanks page's one small script only waits for the business's reply);
 * every rejection re-renders the page with what the customer typed. A complaint's
 * pages open only for the phone that made it, and never show what was typed. When D1 cannot
 * take a tap or an addition, it goes to the COMPLAINTS queue and the customer is thanked as usual.
 */
export const complaintPageRoutes = new Hono<AppEnv>();

function render(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  options: { status?: ContentfulStatusCode; business?: ComplaintCard; head?: Child } = {},
) {
  c.header('cache-control', 'private, no-store');
  const business = options.business
    ? { name: options.business.locationName, address: options.business.locationAddress }
    : undefined;
  if (options.status) c.status(options.status);
  return c.render(body, { title, publicPage: { business, head: options.head } });
}

/** A code that is not a live card, or a complaint URL whose parts do not belong together. */
function unknownCard(c: Context<AppEnv>) {
  const m = messages(c.get('locale')).publicPages;
  return render(
    c,
    m.unknownCardTitle,
    <>
      <h1>{m.unknownCardTitle}</h1>
      <p>{m.unknownCardText}</p>
    </>,
    { status: 404 },
  );
}

async function showReasons(
  c: Context<AppEnv>,
  card: ComplaintCard,
  error?: string,
  status: ContentfulStatusCode = 200,
) {
  const locale = c.get('locale');
  const t = messages(locale).complaints;
  let reasons;
  // The card's replies are public to whoever holds it; without them the page still works.
  const replies = cardRepliesOrNone(c.env.DB, card.code);
  try {
    reasons = await reasonsOrCopy(c.env.DB, card.locationId);
  } catch (e) {
    console.error('complaint reasons unavailable', card.code, e);
    return unavailablePage(c);
  }
  if (status === 503) c.header('retry-after', '60');
  const page = (
    <>
      <CardReplies locale={locale} timeZone={card.schedule.timeZone} replies={await replies} />
      <ReasonsPage locale={locale} code={card.code} reasons={reasons} error={error} />
    </>
  );
  return render(c, t.title, page, { status, business: card });
}

/** The complaint a details page is about: as stored, or (proven by this browser's cookie) still in the queue. */
interface Target {
  card: ComplaintCard;
  id: string;
  code: string;
  complaint: Complaint | null;
  createdAt: number;
}

type Loaded = { kind: 'found'; target: Target; mine: boolean } | { kind: 'unknown' } | { kind: 'unavailable' };

async function loadTarget(c: Context<AppEnv>, now: number): Promise<Loaded> {
  const code = normalizeCardCode(c.req.param('code') ?? '');
  const id = c.req.param('id') ?? '';
  if (!code || !/^[\w-]{8,32}$/.test(id)) return { kind: 'unknown' };
  let card: ComplaintCard | null;
  try {
    card = await complaintCardOrCopy(c.env.DB, code);
  } catch (error) {
    console.error('card lookup failed', code, error);
    return { kind: 'unavailable' };
  }
  if (!card) return { kind: 'unknown' };
  let complaint: Complaint | null = null;
  let failed = false;
  try {
    complaint = await getComplaint(c.env.DB, id);
  } catch (error) {
    console.error('complaint lookup failed', id, error);
    failed = true;
  }
  if (complaint) {
    if (complaint.code !== card.code) return { kind: 'unknown' };
    return {
      kind: 'found',
      target: { card, id, code: card.code, complaint, createdAt: complaint.createdAt },
      mine: await ownsComplaint(c.env, complaint, await provenOf(c, card.code), visitOf(c.req.raw), now),
    };
  }
  // Not in D1 (yet): this browser's signed cookie says it made it while D1 was away.
  const proven = await provenOf(c, card.code);
  if (proven?.id === id)
    return {
      kind: 'found',
      target: { card, id, code: card.code, complaint: null, createdAt: proven.createdAt },
      mine: true,
    };
  return failed ? { kind: 'unavailable' } : { kind: 'unknown' };
}

/**
 * The complaint of a page only its own phone may open, or the answer for anyone else: an unknown
 * card, the "try again in a minute" page, or (someone else's complaint) their own tap one page back.
 */
async function ownTarget(c: Context<AppEnv>, now: number): Promise<Target | Response> {
  const loaded = await loadTarget(c, now);
  if (loaded.kind === 'unknown') return unknownCard(c);
  if (loaded.kind === 'unavailable') return unavailablePage(c);
  return loaded.mine ? loaded.target : c.redirect(`/c/${loaded.target.code}`, 303);
}

/** The complaint this browser's signed cookie names for the card, if any. */
const provenOf = (c: Context<AppEnv>, code: string) => provenComplaint(c.env, code, getCookie(c, COMPLAINT_COOKIE));

/** Sets the cookie that lets this browser come back to its complaint for the details window. */
async function remember(c: Context<AppEnv>, code: string, id: string, createdAt: number): Promise<void> {
  const cookie = await complaintCookie(c.env, code, id, createdAt, new URL(c.req.url).protocol === 'https:');
  setCookie(c, cookie.name, cookie.value, cookie.options);
}

const detailsOpen = (target: Target, now: number) => now - target.createdAt < LIMITS.detailsWindowMs;
const base = (target: Pick<Target, 'code' | 'id'>) => `/c/${target.code}/${target.id}`;
const EMPTY: DetailsValues = { comment: '', contact: '', consent: false };

async function showDetails(
  c: Context<AppEnv>,
  target: Target,
  settings: Settings,
  values: DetailsValues,
  errors: DetailsErrors,
  options: { status?: ContentfulStatusCode; reason?: string | null; reasonEn?: string | null } = {},
) {
  const locale = c.get('locale');
  const t = messages(locale).complaints;
  const existing = c.req.query('again') === '1';
  // An English-speaking customer sees the owner's English label of the reason they tapped.
  let reasonEn = options.reasonEn ?? null;
  if (locale === 'en' && reasonEn === null && target.complaint) {
    const reasons = await reasonsOrCopy(c.env.DB, target.card.locationId).catch(() => []);
    reasonEn = reasons.find((r) => r.id === target.complaint!.reasonId)?.labelEn ?? null;
  }
  if (options.status === 503) c.header('retry-after', '60');
  return render(
    c,
    existing ? t.existingTitle : t.thanksTitle,
    <DetailsPage
      locale={locale}
      action={base(target)}
      doneHref={`${base(target)}/done`}
      reason={target.complaint?.reason ?? options.reason ?? null}
      reasonEn={reasonEn}
      existing={existing}
      askContact={settings.contactMode !== 'off'}
      savedComment={(target.complaint?.comment ?? null) !== null}
      savedContact={target.complaint?.contactMasked ?? null}
      business={{ phone: settings.businessPhone, telegram: settings.businessTelegram }}
      values={values}
      errors={errors}
    />,
    { status: options.status, business: target.card },
  );
}

/**
 * The promise on the thanks page, true to the location's hours: "within an hour" where it keeps
 * none, else the due time on its clock ("завтра до 10:00"), and no promise of a time already past.
 */
function donePromise(
  target: Target,
  settings: Settings,
  t: Messages['complaints'],
  locale: Locale,
  now: number,
): DonePromise {
  const schedule = target.card.schedule;
  const dueAt = target.complaint?.dueAt ?? complaintDueAt(schedule, target.createdAt, settings.responseTargetMinutes);
  if (dueAt <= now) return { kind: 'late' };
  if (schedule.hours === null)
    return { kind: 'within', duration: formatTarget(settings.responseTargetMinutes, t, locale) };
  return { kind: 'by', when: formatDueWhen(dueAt, now, schedule.timeZone, t, locale) };
}

function showDone(
  c: Context<AppEnv>,
  target: Target,
  settings: Settings,
  contactLeft: { masked: boolean; forwarded: boolean },
) {
  const locale = c.get('locale');
  const t = messages(locale).complaints;
  const now = Date.now();
  const complaint = target.complaint;
  // The reply when there is one; else, while the page is kept open, it waits for it.
  const replied = complaint?.reply != null && complaint.repliedAt !== null;
  const waitMs = LIMITS.detailsWindowMs - (now - target.createdAt);
  const before = replied ? (
    <CardReplies
      locale={locale}
      timeZone={target.card.schedule.timeZone}
      replies={[{ reply: complaint.reply!, repliedAt: complaint.repliedAt! }]}
    />
  ) : undefined;
  // Only the thanks page's own address waits (a refresh of a POST's answer would open the form).
  const waiting = !replied && waitMs > 0 && c.req.method === 'GET';
  const after = waiting ? (
    <ReplyWait locale={locale} pollUrl={`${base(target)}/reply`} pollSeconds={Math.floor(waitMs / 1000)} />
  ) : undefined;
  // Without script the page reloads itself every minute, for a shorter while.
  const head = !waiting ? undefined : (
    <>
      <script src={assetHref('reply-wait.js')} defer></script>
      {now - target.createdAt < REFRESH_WITHOUT_SCRIPT_MS && (
        <noscript>
          <meta http-equiv="refresh" content="60" />
        </noscript>
      )}
    </>
  );
  return render(
    c,
    t.doneTitle,
    <DonePage
      promise={donePromise(target, settings, t, locale, Date.now())}
      hasContact={contactLeft.masked}
      forwarded={contactLeft.forwarded}
      business={{ phone: settings.businessPhone, telegram: settings.businessTelegram }}
      addMoreHref={detailsOpen(target, Date.now()) ? base(target) : null}
      before={before}
      after={after}
    />,
    { business: target.card, head },
  );
}

complaintPageRoutes.get('/privacy/consent', async (c) => {
  const t = messages(c.get('locale')).complaints;
  const settings = await getSettings(c.env.DB);
  return render(c, t.consentTitle, <ConsentPage text={settings.consentText} />);
});

for (const prefix of ['/c', '/C']) {
  complaintPageRoutes.get(`${prefix}/:code`, async (c) => {
    const code = normalizeCardCode(c.req.param('code'));
    if (!code) return unknownCardPage(c, null);
    let card: ComplaintCard | null;
    try {
      card = await complaintCardOrCopy(c.env.DB, code);
    } catch (error) {
      console.error('card lookup failed', code, error);
      return unavailablePage(c);
    }
    if (card)
      recordScan(
        c.env,
        (work) => c.executionCtx.waitUntil(work),
        card,
        'complaint',
        scanRequestOf(c.req.raw, Date.now()),
      );
    // A complaint from a voided card is still a complaint: the same one tap takes it (the inbox
    // flags it), rather than sending an unhappy customer to the review page.
    if (!card) return unknownCardPage(c, card);
    return showReasons(c, card);
  });

  complaintPageRoutes.post(`${prefix}/:code`, async (c) => {
    const code = normalizeCardCode(c.req.param('code'));
    let card: ComplaintCard | null;
    try {
      card = code ? await complaintCardOrCopy(c.env.DB, code) : null;
    } catch (error) {
      console.error('card lookup failed', code, error);
      return unavailablePage(c);
    }
    if (!card) return unknownCard(c);
    const t = messages(c.get('locale')).complaints;
    const body = await c.req.parseBody();
    if (typeof body.website === 'string' && body.website.trim() !== '')
      return showReasons(c, card, t.errors.honeypot, 400);
    const reasonId = typeof body.reason === 'string' && /^\d{1,9}$/.test(body.reason) ? Number(body.reason) : null;
    if (reasonId === null) return showReasons(c, card, t.errors.badReason, 400);
    const settings = await settingsOrCopy(c.env.DB);
    const id = randomToken(12);
    const now = Date.now();
    let outcome;
    try {
      outcome = await registerComplaint(
        c.env,
        {
          card,
          reasonId,
          settings,
          id,
          visit: visitOf(c.req.raw),
          proven: await provenOf(c, card.code),
          requestUrl: c.req.url,
          now,
        },
        (work) => c.executionCtx.waitUntil(work),
      );
    } catch (error) {
      // This browser's own recent complaint (its cookie says so) is opened again, D1 or not.
      const proven = await provenOf(c, card.code);
      if (recentlyProven(proven, now)) return c.redirect(`/c/${card.code}/${proven!.id}?again=1`, 303);
      console.error('complaint not stored at once, queueing it', card.code, id, error);
      return queueTap(c, card, reasonId, settings, id, now);
    }
    if (outcome.kind === 'created' || outcome.kind === 'existing')
      await remember(c, card.code, outcome.id, outcome.createdAt);
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

  complaintPageRoutes.get(`${prefix}/:code/:id`, async (c) => {
    const now = Date.now();
    const target = await ownTarget(c, now);
    if (target instanceof Response) return target;
    if (!detailsOpen(target, now)) return c.redirect(`${base(target)}/done`, 302);
    return showDetails(c, target, await settingsOrCopy(c.env.DB), EMPTY, {});
  });

  complaintPageRoutes.post(`${prefix}/:code/:id`, async (c) => {
    const now = Date.now();
    const loaded = await loadTarget(c, now);
    if (loaded.kind === 'unknown') return unknownCard(c);
    const t = messages(c.get('locale')).complaints;
    const body = await c.req.parseBody();
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
    const values: DetailsValues = {
      comment: text('comment'),
      contact: text('contact'),
      consent: text('consent') !== '',
    };
    if (loaded.kind === 'unavailable') return unavailableDetails(c, values);
    const { target } = loaded;
    const settings = await settingsOrCopy(c.env.DB);
    if (!loaded.mine) return showDetails(c, target, settings, values, { form: t.errors.notYours }, { status: 403 });
    if (!detailsOpen(target, now))
      return showDetails(c, target, settings, values, { form: t.errors.detailsClosed }, { status: 400 });
    const additions = target.complaint ? await countEvents(c.env.DB, target.id, 'details').catch(() => 0) : 0;
    if (additions >= LIMITS.detailsPerComplaint)
      return showDetails(c, target, settings, values, { form: t.errors.detailsLimit }, { status: 429 });
    const result = validateDetails({ ...values, honeypot: text('website') }, settings.contactMode);
    if (!result.ok) {
      const e = result.errors;
      const errors: DetailsErrors = {};
      if (e.form) errors.form = t.errors.honeypot;
      if (e.comment) errors.comment = fill(t.errors.commentTooLong, { count: values.comment.trim().length });
      if (e.contact) errors.contact = t.errors.contactInvalid;
      if (e.consent) errors.consent = t.errors.consentRequired;
      return showDetails(c, target, settings, values, errors, { status: 400 });
    }
    if (result.comment === null && result.contact === null) return c.redirect(`${base(target)}/done`, 303);
    const details = { key: randomToken(12), comment: result.comment, contact: result.contact, at: now };
    if (target.complaint) {
      try {
        const outgoing = await addDetails(
          c.env.DB,
          target.complaint,
          details,
          settings,
          publicOriginOf(c.env, c.req.url),
          now,
        );
        if (outgoing.length > 0) {
          c.executionCtx.waitUntil(
            sendNow(c.env.DB, settings, deliveryPolicy(c.env, c.req.url), outgoing, now).catch((e) =>
              console.error('notification send failed', e),
            ),
          );
        }
        return c.redirect(`${base(target)}/done`, 303);
      } catch (error) {
        console.error('complaint details not stored at once, queueing them', target.id, error);
      }
    }
    const queued = await queueComplaintMessage(c.env, {
      kind: 'details',
      complaintId: target.id,
      details,
      origin: publicOriginOf(c.env, c.req.url),
    });
    if (!queued) return showDetails(c, target, settings, values, { form: t.errors.unavailable }, { status: 503 });
    const contactLeft = result.contact !== null || (target.complaint?.contactMasked ?? null) !== null;
    return showDone(c, target, settings, {
      masked: contactLeft,
      forwarded: result.contact !== null && settings.contactMode === 'forward',
    });
  });

  /** What the kept-open thanks page polls: this phone's complaint's reply, and nothing else of it. */
  complaintPageRoutes.get(`${prefix}/:code/:id/reply`, async (c) => {
    c.header('cache-control', 'private, no-store');
    const loaded = await loadTarget(c, Date.now());
    if (loaded.kind === 'unavailable') return c.json({ error: 'try again in a minute' }, 503);
    if (loaded.kind === 'unknown' || !loaded.mine) return c.json({ error: 'no such complaint' }, 404);
    const complaint = loaded.target.complaint;
    const repliedAt = complaint?.repliedAt ?? null;
    return c.json({
      reply: complaint?.reply ?? null,
      repliedAt: repliedAt === null ? null : new Date(repliedAt).toISOString(),
    });
  });

  complaintPageRoutes.get(`${prefix}/:code/:id/done`, async (c) => {
    const now = Date.now();
    const target = await ownTarget(c, now);
    if (target instanceof Response) return target;
    const settings = await settingsOrCopy(c.env.DB);
    const complaint = target.complaint;
    const hasContact = (complaint?.contactMasked ?? null) !== null;
    return showDone(c, target, settings, {
      masked: hasContact,
      forwarded: hasContact && complaint?.contact === null && settings.contactMode === 'forward',
    });
  });
}

/**
 * D1 could not take the tap: it goes to the queue under the id picked for it, and the customer
 * gets the usual thanks page with the details form (this browser's cookie vouches for the id
 * until the consumer has stored it). Only if the queue refuses too is the customer asked to tap
 * again in a minute.
 */
async function queueTap(
  c: Context<AppEnv>,
  card: ComplaintCard,
  reasonId: number,
  settings: Settings,
  id: string,
  now: number,
) {
  const t = messages(c.get('locale')).complaints;
  const reasons = await reasonsOrCopy(c.env.DB, card.locationId).catch(() => null);
  const reason = reasons?.find((r) => r.id === reasonId);
  if (reasons && !reason) return showReasons(c, card, t.errors.badReason, 400);
  const queued = await queueComplaintMessage(c.env, {
    kind: 'complaint',
    complaint: {
      id,
      code: card.code,
      locationId: card.locationId,
      batchId: card.batchId,
      reasonId,
      visitor: await visitorOf(c.env, visitOf(c.req.raw), now),
      createdAt: now,
      dueAt: complaintDueAt(card.schedule, now, settings.responseTargetMinutes),
    },
    origin: publicOriginOf(c.env, c.req.url),
  });
  if (!queued) return showReasons(c, card, t.errors.tapUnavailable, 503);
  await remember(c, card.code, id, now);
  const target: Target = { card, id, code: card.code, complaint: null, createdAt: now };
  return showDetails(
    c,
    target,
    settings,
    EMPTY,
    {},
    { reason: reason?.label ?? null, reasonEn: reason?.labelEn ?? null },
  );
}

/** Neither the card nor the complaint can be read: the form comes back with what was typed. */
function unavailableDetails(c: Context<AppEnv>, values: DetailsValues) {
  const locale = c.get('locale');
  const t = messages(locale).complaints;
  const code = normalizeCardCode(c.req.param('code') ?? '') ?? '';
  const id = c.req.param('id') ?? '';
  c.header('retry-after', '60');
  return render(
    c,
    t.thanksTitle,
    <DetailsPage
      locale={locale}
      action={`/c/${code}/${id}`}
      doneHref={`/c/${code}/${id}/done`}
      reason={null}
      existing={false}
      askContact={true}
      savedComment={false}
      savedContact={null}
      business={{ phone: '', telegram: '' }}
      values={values}
      errors={{ form: t.errors.unavailable }}
    />,
    { status: 503 },
  );
}
