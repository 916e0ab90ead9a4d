import { fill, type Locale, type AccountsMessages } from '../i18n';
import { dateTime } from './accounts';
import { CsrfField } from './layout';

export interface PrivacySummary {
  id: string;
  createdAt: number;
  reason: string;
  hasContact: boolean;
  hasComment: boolean;
  hasVisitor: boolean;
  notes: number;
  erasedAt: number | null;
}

// An erasure is a moment, not a state: staff may add a note afterwards, and the page says so.
function holdsPersonalData(summary: PrivacySummary): boolean {
  return summary.hasContact || summary.hasComment || summary.hasVisitor || summary.notes > 0;
}

/** One complaint's personal data: what is stored, the export, and erasure with a confirmation. */
export function PrivacyPage(props: {
  a: AccountsMessages;
  locale: Locale;
  timeZone: string;
  summary: PrivacySummary;
  justErased: boolean;
  error?: string;
}) {
  const { a, locale, summary } = props;
  const p = a.privacy;
  const stored = (present: boolean) =>
    present ? <span class="badge warn">{p.present}</span> : <span class="badge">{p.none}</span>;
  const base = `/admin/privacy/complaints/${summary.id}`;
  return (
    <div class="narrow-wide">
      <p class="small">
        <a href={`/admin/complaints/${summary.id}`}>← {p.back}</a>
      </p>
      <h1>{p.title}</h1>
      <p class="muted">{p.intro}</p>
      {props.justErased && (
        <div class="alert ok" role="status">
          {p.justErased}
        </div>
      )}
      {props.error && (
        <div class="alert error" role="alert">
          {props.error}
        </div>
      )}
      <section class="panel">
        <h2 class="panel-title">{p.stored}</h2>
        <dl class="facts">
          <dt>{p.created}</dt>
          <dd>{dateTime(locale, summary.createdAt, props.timeZone)}</dd>
          <dt>{p.reason}</dt>
          <dd>{summary.reason}</dd>
          <dt>{p.contact}</dt>
          <dd>{stored(summary.hasContact)}</dd>
          <dt>{p.comment}</dt>
          <dd>{stored(summary.hasComment)}</dd>
          <dt>{p.visitor}</dt>
          <dd>{stored(summary.hasVisitor)}</dd>
          <dt>{p.notes}</dt>
          <dd>{summary.notes}</dd>
        </dl>
        {summary.erasedAt !== null && (
          <p class="muted">{fill(p.erased, { date: dateTime(locale, summary.erasedAt, props.timeZone) })}</p>
        )}
        {summary.erasedAt !== null && holdsPersonalData(summary) && (
          <p class="alert" role="status">
            {p.addedSinceErasure}
          </p>
        )}
      </section>
      <section class="panel">
        <h2 class="panel-title">{p.exportTitle}</h2>
        <p class="muted small">{p.exportText}</p>
        <div class="actions">
          <a class="btn secondary" href={`${base}/export`} download>
            {p.export}
          </a>
        </div>
      </section>
      <form method="post" action={`${base}/erase`} class="panel">
        <CsrfField />
        <h2 class="panel-title">{p.eraseTitle}</h2>
        <p class="muted small">{p.eraseText}</p>
        <label class="check">
          <input type="checkbox" name="confirm" value="yes" required />
          {p.confirm}
        </label>
        <div class="actions">
          <button class="btn danger" type="submit">
            {p.erase}
          </button>
        </div>
      </form>
    </div>
  );
}
