import { assetHref } from './assets';
import type { Child } from 'hono/jsx';
import type { Locale, Messages } from '../i18n';
import { fill } from '../i18n';
import { LIMITS, reasonLabelFor } from '../domain/complaints';
import { addDays, localDay } from '../domain/time';
import { formatClock, formatSpan, formatWeekdayDate } from './format';
import { useT } from './request';

type T = Messages['complaints'];

/** The customer's pages: no script, one small stylesheet, the business's name on top. */
export function PublicLayout(props: {
  t: T;
  locale: Locale;
  title: string;
  path: string;
  business?: { name: string; address: string };
  head?: Child;
  children: Child;
}) {
  const other = props.locale === 'ru' ? 'en' : 'ru';
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.business ? `${props.title} · ${props.business.name}` : props.title}</title>
        <link rel="stylesheet" href={assetHref('public.css')} />
        {props.head}
      </head>
      <body>
        <main>
          {props.business && (
            <header class="biz">
              <p class="biz-name">{props.business.name}</p>
              {props.business.address && <p class="biz-addr">{props.business.address}</p>}
            </header>
          )}
          {props.children}
          <footer class="foot">
            <a href={`${props.path}?lang=${other}`} lang={other} hreflang={other}>
              {props.t.languageSwitch}
            </a>
            <a href="/privacy/consent">{props.t.privacyLink}</a>
          </footer>
        </main>
      </body>
    </html>
  );
}

/** Seen only by scripts: a person never sees or tabs into it. */
function Honeypot() {
  const t = useT().complaints;
  return (
    <div class="hp" aria-hidden="true">
      <label for="hp-website">{t.honeypotLabel}</label>
      <input type="text" id="hp-website" name="website" tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}

export function ReasonsPage(props: {
  locale: Locale;
  code: string;
  reasons: { id: number; label: string; labelEn?: string | null }[];
  error?: string;
}) {
  const t = useT().complaints;
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      {props.error && (
        <div class="alert" role="alert">
          {props.error}
        </div>
      )}
      <form method="post" action={`/c/${props.code}`}>
        <Honeypot />
        <fieldset class="reasons">
          <legend class="sr-only">{t.reasonsLegend}</legend>
          {props.reasons.map((r) => (
            <button class="reason" type="submit" name="reason" value={String(r.id)}>
              {reasonLabelFor(r.label, props.locale, r.labelEn ?? null)}
            </button>
          ))}
        </fieldset>
      </form>
      <p class="lead">{t.privacyNote}</p>
    </>
  );
}

export interface DetailsValues {
  comment: string;
  contact: string;
  consent: boolean;
}

export type DetailsErrors = Partial<Record<'comment' | 'contact' | 'consent' | 'form', string>>;

interface BusinessContacts {
  phone: string;
  telegram: string;
}

function ReachUs(props: { business: BusinessContacts }) {
  const t = useT().complaints;
  const { phone, telegram } = props.business;
  if (!phone && !telegram) return null;
  const handle = telegram.replace(/^@/, '').replace(/^https?:\/\/t\.me\//, '');
  return (
    <div class="reach">
      <p>{t.reachUs}</p>
      {phone && (
        <p>
          {t.phone}: <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
        </p>
      )}
      {telegram && (
        <p>
          {t.telegram}: <a href={`https://t.me/${handle}`}>@{handle}</a>
        </p>
      )}
    </div>
  );
}

export function DetailsPage(props: {
  locale: Locale;
  action: string;
  doneHref: string;
  /** null while the complaint waits in the queue and its reason's label is not at hand */
  reason: string | null;
  /** the reason's English label, when the owner gave one */
  reasonEn?: string | null;
  existing: boolean;
  askContact: boolean;
  /** a comment was saved: the page says so but never shows it */
  savedComment: boolean;
  savedContact: string | null;
  business: BusinessContacts;
  values: DetailsValues;
  errors: DetailsErrors;
}) {
  const t = useT().complaints;
  const { values, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <div class="done">
        <h1>{props.existing ? t.existingTitle : t.thanksTitle}</h1>
        <p>{props.existing ? t.existingText : t.thanksText}</p>
        {props.reason !== null && (
          <p class="lead">
            {fill(t.yourReason, { reason: reasonLabelFor(props.reason, props.locale, props.reasonEn ?? null) })}
          </p>
        )}
      </div>
      {hasErrors && (
        <div class="alert" role="alert">
          {errors.form ?? t.fixBelow}
        </div>
      )}
      <form method="post" action={props.action} class="panel" novalidate>
        <Honeypot />
        <label for="comment">
          {t.comment}
          <span class="hint" id="comment-hint">
            {props.savedComment ? t.commentSaved : t.commentHint}
          </span>
        </label>
        <textarea
          id="comment"
          name="comment"
          rows={5}
          aria-describedby={errors.comment ? 'comment-hint comment-error' : 'comment-hint'}
          aria-invalid={errors.comment ? 'true' : undefined}
        >
          {values.comment}
        </textarea>
        {errors.comment && (
          <p class="field-error" id="comment-error">
            {errors.comment}
          </p>
        )}
        {props.askContact && (
          <>
            <label for="contact">
              {t.contact}
              <span class="hint" id="contact-hint">
                {props.savedContact ? fill(t.contactSaved, { contact: props.savedContact }) : t.contactHint}
              </span>
            </label>
            <input
              type="text"
              id="contact"
              name="contact"
              value={values.contact}
              autocomplete="tel"
              inputmode="text"
              maxlength={LIMITS.contactChars * 2}
              aria-describedby={errors.contact ? 'contact-hint contact-error' : 'contact-hint'}
              aria-invalid={errors.contact ? 'true' : undefined}
            />
            {errors.contact && (
              <p class="field-error" id="contact-error">
                {errors.contact}
              </p>
            )}
            <label class="check" for="consent">
              <input
                type="checkbox"
                id="consent"
                name="consent"
                value="yes"
                checked={values.consent}
                aria-invalid={errors.consent ? 'true' : undefined}
                aria-describedby={errors.consent ? 'consent-error' : undefined}
              />
              <span>
                {t.consent} (
                <a href="/privacy/consent" target="_blank" rel="noopener">
                  {t.consentLink}
                </a>
                )
              </span>
            </label>
            {errors.consent && (
              <p class="field-error" id="consent-error">
                {errors.consent}
              </p>
            )}
          </>
        )}
        <button class="btn" type="submit">
          {t.send}
        </button>
        <a class="btn plain" href={props.doneHref}>
          {t.skip}
        </a>
      </form>
      {!props.askContact && <ReachUs business={props.business} />}
    </>
  );
}

/** What the thanks page promises: within the target (always open), by a clock time, or "as soon as we can" once late. */
export type DonePromise = { kind: 'within'; duration: string } | { kind: 'by'; when: string } | { kind: 'late' };

function promiseText(t: T, promise: DonePromise, hasContact: boolean): string {
  if (promise.kind === 'within')
    return fill(hasContact ? t.doneWithContact : t.doneNoContact, { duration: promise.duration });
  if (promise.kind === 'by') return fill(hasContact ? t.doneWithContactBy : t.doneNoContactBy, { when: promise.when });
  return hasContact ? t.doneLate : t.doneLateNoContact;
}

/**
 * "сегодня до 15:40", "завтра до 10:00", "понедельник, 7 декабря, до 10:00": the due time on the
 * location's clock, relative to its today.
 */
export function formatDueWhen(dueAt: number, now: number, timeZone: string, t: T, locale: Locale): string {
  const time = formatClock(dueAt, locale, timeZone);
  const dueDay = localDay(dueAt, timeZone);
  const today = localDay(now, timeZone);
  if (dueDay === today) return fill(t.dueToday, { time });
  if (dueDay === addDays(today, 1)) return fill(t.dueTomorrow, { time });
  return fill(t.dueLater, { date: formatWeekdayDate(dueAt, locale, timeZone), time });
}

export function DonePage(props: {
  promise: DonePromise;
  hasContact: boolean;
  forwarded: boolean;
  business: BusinessContacts;
  addMoreHref: string | null;
  before?: Child;
  after?: Child;
}) {
  const t = useT().complaints;
  return (
    <>
      {props.before}
      <div class="done">
        <h1>{t.doneTitle}</h1>
        <p data-testid="promise">{promiseText(t, props.promise, props.hasContact)}</p>
        {props.forwarded && <p class="lead">{t.doneForwarded}</p>}
        <p>{t.doneClosing}</p>
      </div>
      {props.after}
      <ReachUs business={props.business} />
      {props.addMoreHref && (
        <p>
          <a href={props.addMoreHref}>{t.addMore}</a>
        </p>
      )}
    </>
  );
}

export function ConsentPage(props: { text: string }) {
  const t = useT().complaints;
  return (
    <>
      <h1>{t.consentTitle}</h1>
      <div class="doc">{props.text}</div>
    </>
  );
}

/** "через час", "через 2 часа", "within 30 minutes": the response target in words. */
export function formatTarget(minutes: number, t: T, locale: Locale): string {
  return formatSpan(minutes, t.durations, locale);
}
