import type { CountOverlap, LastReceived } from '../domain/reviews';
import type { ReviewMail } from '../domain/review-mails';
import { messages, pluralForm, type Locale, type Messages } from '../i18n';
import { fill } from '../i18n';
import { formatters } from './format';
import { CsrfField } from './layout';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface IncomingReviewsProps {
  locale: Locale;
  pending: ReviewMail[];
  lastReceived: LastReceived[];
  ignoredMails: number;
  locations: { slug: string; name: string }[];
  now: number;
  /** The pending review a Telegram button pointed at, highlighted. */
  asked?: string;
  /** Quick-form counts over days that also have reviews that arrived by themselves. */
  overlaps: CountOverlap[];
  /** The Google connection, shown to those who may set it up (owners). */
  google?: { connected: boolean; lastError: string };
  /** A verdict that failed: the mail and the message key. */
  failed?: { id: string; error: 'location' | 'gone' };
}

type M = Messages['reviewInbox'];

function ago(m: M, at: number, now: number, locale: Locale): string {
  const days = Math.floor(Math.max(0, now - at) / DAY_MS);
  return days === 0 ? m.sources.today : days === 1 ? m.sources.yesterday : pluralForm(days, m.sources.daysAgo, locale);
}

function PendingReview(props: IncomingReviewsProps & { mail: ReviewMail; m: M }) {
  const { mail, m } = props;
  const f = formatters(props.locale);
  const platform = (m.platforms as Record<string, string>)[mail.platform] ?? mail.platform;
  const needsLocation = mail.locationId === null && props.locations.length > 1;
  const error = props.failed?.id === mail.id ? m.errors[props.failed.error] : undefined;
  return (
    <li class={`pending-review${props.asked === mail.id ? ' asked' : ''}`} id={`pending-${mail.id}`}>
      <p class="pending-meta">
        <strong>{platform}</strong> · {f.dayShort(mail.day)}
        {mail.locationName && <> · {mail.locationName}</>}
        {mail.rating !== null && (
          <>
            {' '}
            · <span class="badge">{fill(m.pending.stated, { rating: mail.rating })}</span>
          </>
        )}
      </p>
      <p class="pending-subject">{mail.subject || m.pending.noSubject}</p>
      {mail.excerpt && <p class="small muted pending-excerpt">{mail.excerpt}</p>}
      {props.asked === mail.id && (
        <p class="small">
          <strong>{m.pending.asked}</strong>
        </p>
      )}
      <form method="post" action={`/admin/reviews/pending/${mail.id}`} class="inline-form verdicts">
        <CsrfField />
        {needsLocation && (
          <>
            <label class="sr-only" for={`pending-${mail.id}-location`}>
              {m.pending.location}
            </label>
            <select id={`pending-${mail.id}-location`} name="location" aria-invalid={error ? 'true' : undefined}>
              <option value="">{m.pending.chooseLocation}</option>
              {props.locations.map((l) => (
                <option value={l.slug}>{l.name}</option>
              ))}
            </select>
          </>
        )}
        <button class="btn" type="submit" name="verdict" value="positive">
          {m.pending.positive}
        </button>
        <button class="btn secondary" type="submit" name="verdict" value="negative">
          {m.pending.negative}
        </button>
        <button class="btn secondary" type="submit" name="verdict" value="not_review">
          {m.pending.notReview}
        </button>
      </form>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Reviews to confirm, and when each location's reviews last arrived by each road. */
export function IncomingReviews(props: IncomingReviewsProps) {
  const m = messages(props.locale).reviewInbox;
  return (
    <>
      <section class="panel" id="pending">
        <h2>{m.pending.title}</h2>
        {props.pending.length === 0 ? (
          <p class="muted">{m.pending.none}</p>
        ) : (
          <>
            <p class="small muted">{m.pending.hint}</p>
            <ul class="plain-list pending-list">
              {props.pending.map((mail) => (
                <PendingReview {...props} mail={mail} m={m} />
              ))}
            </ul>
          </>
        )}
      </section>
      {props.overlaps.length > 0 && <Overlaps {...props} m={m} />}
      <section class="panel" id="sources">
        <h2>{m.sources.title}</h2>
        <p class="small muted">{m.sources.hint}</p>
        {props.lastReceived.length === 0 ? (
          <p class="muted small">{m.sources.none}</p>
        ) : (
          <ul class="plain-list small" id="last-received">
            {props.lastReceived.map((r) => (
              <li>
                {r.locationName} · {m.sources[r.source]}:{' '}
                {fill(r.source === 'email' ? m.sources.lastEmail : m.sources.lastOther, {
                  ago: ago(m, r.lastAt, props.now, props.locale),
                })}
              </li>
            ))}
          </ul>
        )}
        {props.google && (
          <p class="small" id="google-link">
            <a href="/admin/reviews/google">Google Business Profile</a>:{' '}
            {props.google.connected ? m.sources.googleConnected : m.sources.googleNotConnected}
            {props.google.lastError && (
              <>
                {' '}
                · <span class="field-error">{props.google.lastError}</span>
              </>
            )}
          </p>
        )}
        {props.ignoredMails > 0 && (
          <p class="small muted" id="ignored-mails">
            {pluralForm(props.ignoredMails, m.sources.ignored, props.locale)}
          </p>
        )}
      </section>
    </>
  );
}

function Overlaps(props: IncomingReviewsProps & { m: M }) {
  const { m } = props;
  const f = formatters(props.locale);
  return (
    <section class="panel" id="overlaps">
      <h2>{m.overlaps.title}</h2>
      <p class="small muted">{m.overlaps.hint}</p>
      <ul class="plain-list">
        {props.overlaps.map((o) => (
          <li id={`overlap-${o.id}`}>
            <p class="pending-meta">
              {fill(m.overlaps.line, {
                when: o.from === o.day ? f.dayShort(o.day) : `${f.dayShort(o.from)} — ${f.dayShort(o.day)}`,
                location: o.locationName,
                form: o.positive,
                ingested: o.ingested,
                positive: o.ingestedPositive,
              })}
              {' · '}
              {o.platform === null
                ? m.overlaps.anyPlatform
                : fill(m.overlaps.platform, {
                    platform: m.platforms[o.platform as keyof M['platforms']] ?? o.platform,
                  })}
            </p>
            <form method="post" action={`/admin/reviews/count/${o.id}/stand`} class="inline-form">
              <CsrfField />
              <button class="btn secondary" type="submit" name="keep" value="form">
                {m.overlaps.keepForm}
              </button>
              <button class="btn secondary" type="submit" name="keep" value="ingested">
                {m.overlaps.keepIngested}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
