import { COMPENSATION_KINDS, type Complaint, type ComplaintEvent, type CompensationKind } from '../domain/complaints';
import type { Notification } from '../domain/notifications';
import { type Locale, messages } from '../i18n';
import { fill } from '../i18n';
import { formatMoney, formatWaiting, formatMoment } from './format';
import { StatusBadge, type AdminT } from './inbox';
import { failureText } from './complaint-settings';
import { CsrfField } from './layout';
import { ReplyPanel, replyEventLabel, type ReplyFormState } from './complaint-reply';
import { useT } from './request';

export interface ActionValues {
  note: string;
  kind: string;
  amount: string;
}

export type ActionErrors = Partial<Record<'note' | 'kind' | 'amount', string>>;

export interface ComplaintPageProps {
  locale: Locale;
  complaint: Complaint;
  events: ComplaintEvent[];
  /** people's names by the (lower-case) e-mail their timeline entries were recorded with */
  actorNames: Map<string, string>;
  /** the inbox's filters as a query string: the way back, and what "next open complaint" follows */
  listQuery: string;
  nextOpenId: string | null;
  /** the card's batch by date, location and design */
  batchName: string;
  notifications: Notification[];
  waitingMs: number;
  overdue: boolean;
  saved: boolean;
  /** which form the values and errors belong to */
  form?: 'note' | 'contacted' | 'resolved';
  values: ActionValues;
  errors: ActionErrors;
  /** the location's reply templates and the reply box's state */
  replyTemplates: { id: number; text: string }[];
  replyForm: ReplyFormState;
}

function compensationText(
  t: AdminT,
  kind: string | null | undefined,
  amount: number | null | undefined,
  locale: Locale,
): string {
  if (!kind) return '';
  const label = t.compensation[kind as CompensationKind] ?? kind;
  return typeof amount === 'number' ? `${label}, ${formatMoney(amount, locale)}` : label;
}

function ContactFact(props: { c: Complaint; locale: Locale }) {
  const t = useT().complaintsAdmin;
  const { c } = props;
  const m = t.complaint;
  if (c.personalDataErasedAt !== null && !c.contact && !c.contactMasked)
    return <span class="muted">{m.contactErased}</span>;
  if (c.contact) {
    const href = c.contact.startsWith('+')
      ? `tel:${c.contact}`
      : c.contact.startsWith('@')
        ? `https://t.me/${c.contact.slice(1)}`
        : `mailto:${c.contact}`;
    return (
      <>
        <a href={href}>{c.contact}</a>
        {c.consentAt !== null && (
          <span class="muted small">
            {' '}
            · {fill(m.consentAt, { date: formatMoment(c.consentAt, props.locale, c.locationTimeZone) })}
          </span>
        )}
      </>
    );
  }
  if (c.contactMasked)
    return (
      <>
        {c.contactMasked} <span class="muted small">· {m.contactForwarded}</span>
      </>
    );
  return <span class="muted">{m.noContact}</span>;
}

/** Who did it, as a person reads it: a name, "API: <token name>", or what was recorded (Telegram). */
function actorText(actor: string, names: Map<string, string>, locale: Locale): string | null {
  if (actor === 'customer') return null;
  const name = names.get(actor.toLowerCase());
  if (name) return name;
  if (actor.startsWith('api:')) return fill(messages(locale).inboxNav.api, { name: actor.slice(4) });
  return actor;
}

export function ComplaintPage(props: ComplaintPageProps) {
  const t = useT().complaintsAdmin;
  const { locale, complaint: c, values, errors } = props;
  const m = t.complaint;
  const action = (name: string) => `/admin/complaints/${c.id}/${name}?${props.listQuery}`;
  const n = messages(locale).inboxNav;
  const next = props.nextOpenId && (
    <a href={`/admin/complaints/${props.nextOpenId}?${props.listQuery}`} data-testid="next-open">
      {n.nextOpen}
    </a>
  );
  const err = (form: ComplaintPageProps['form'], field: keyof ActionErrors) =>
    props.form === form ? errors[field] : undefined;
  const val = (form: ComplaintPageProps['form'], field: keyof ActionValues, fallback = '') =>
    props.form === form ? values[field] : fallback;
  return (
    <>
      <p class="small inline-forms">
        <a href={`/admin/complaints?${props.listQuery}`}>← {m.back}</a>
        {!props.saved && next}
      </p>
      <h1>{fill(m.title, { date: formatMoment(c.createdAt, locale, c.locationTimeZone) })}</h1>
      {props.saved && (
        <div class="alert ok" role="status">
          {m.saved} {next || n.noNextOpen}
        </div>
      )}
      {Object.keys(errors).length > 0 && (
        <div class="alert error" role="alert">
          {Object.values(errors)[0]}
        </div>
      )}
      <div class="complaint-grid">
        <section class="panel">
          <dl class="facts">
            <dt>{m.status}</dt>
            <dd>
              <StatusBadge status={c.status} overdue={props.overdue} />
              {c.onVoidedCard && (
                <>
                  {' '}
                  <span class="badge warn" data-flag="voided-card">
                    {t.inbox.voidedCard}
                  </span>
                </>
              )}
            </dd>
            <dt>{c.firstResponseAt === null ? m.waiting : m.firstResponse}</dt>
            <dd class={props.overdue ? 'bad-text' : undefined}>{formatWaiting(props.waitingMs, locale)}</dd>
            {c.dueAt !== null && (
              <>
                <dt>{m.due}</dt>
                <dd class={props.overdue ? 'bad-text' : undefined} data-testid="due">
                  {formatMoment(c.dueAt, locale, c.locationTimeZone)}
                </dd>
              </>
            )}
            <dt>{m.reason}</dt>
            <dd>
              <strong>{c.reason}</strong>
            </dd>
            <dt>{m.comment}</dt>
            <dd class="prewrap">{c.comment ?? <span class="muted">{m.noComment}</span>}</dd>
            <dt>{m.contact}</dt>
            <dd>
              <ContactFact c={c} locale={locale} />
            </dd>
            <dt>{m.location}</dt>
            <dd>{c.locationName}</dd>
            <dt>{m.card}</dt>
            <dd>
              <code>{c.code}</code>
            </dd>
            <dt>{m.batch}</dt>
            <dd>
              <a href={`/admin/print/batches/${c.batchId}`}>{props.batchName}</a>
            </dd>
            {c.orderRef && (
              <>
                <dt>{m.order}</dt>
                <dd>{c.orderRef}</dd>
              </>
            )}
            {c.compensationKind && (
              <>
                <dt>{m.compensation}</dt>
                <dd>{compensationText(t, c.compensationKind, c.compensationAmount, locale)}</dd>
              </>
            )}
          </dl>
          <p class="small">
            <a href={`/admin/privacy/complaints/${c.id}`}>{m.personalData}</a>
          </p>
        </section>
        <section class="panel">
          <h2>{m.actions}</h2>
          {c.status !== 'resolved' && (
            <>
              {c.status === 'open' && (
                <form method="post" action={action('contacted')}>
                  <CsrfField />
                  <p class="muted small">{m.contactedHint}</p>
                  <button class="btn" type="submit">
                    {m.markContacted}
                  </button>
                </form>
              )}
              <form method="post" action={action('resolved')}>
                <CsrfField />
                <h3>{m.resolve}</h3>
                <p class="muted small">{m.resolveHint}</p>
                <div class="row">
                  <div>
                    <label for="kind">{m.compensationKind}</label>
                    <select id="kind" name="kind" aria-invalid={err('resolved', 'kind') ? 'true' : undefined}>
                      {COMPENSATION_KINDS.map((k) => (
                        <option value={k} selected={val('resolved', 'kind', 'none') === k}>
                          {t.compensation[k]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label for="amount">{m.amount}</label>
                    <input
                      id="amount"
                      name="amount"
                      type="text"
                      inputmode="decimal"
                      value={val('resolved', 'amount')}
                      maxlength={12}
                      aria-invalid={err('resolved', 'amount') ? 'true' : undefined}
                    />
                    {err('resolved', 'amount') && <p class="field-error">{err('resolved', 'amount')}</p>}
                  </div>
                </div>
                <button class="btn" type="submit">
                  {m.resolve}
                </button>
              </form>
            </>
          )}
          {c.status !== 'open' && (
            <form method="post" action={action('reopen')}>
              <CsrfField />
              <button class="btn secondary" type="submit">
                {m.reopen}
              </button>
            </form>
          )}
          <form method="post" action={action('note')}>
            <CsrfField />
            <label for="note">
              {m.note}
              <span class="hint">{m.noteHint}</span>
            </label>
            <textarea id="note" name="note" rows={3} aria-invalid={err('note', 'note') ? 'true' : undefined}>
              {val('note', 'note')}
            </textarea>
            {err('note', 'note') && <p class="field-error">{err('note', 'note')}</p>}
            <button class="btn secondary" type="submit">
              {m.addNote}
            </button>
          </form>
        </section>
      </div>
      <ReplyPanel locale={locale} complaint={c} templates={props.replyTemplates} form={props.replyForm} />
      <section class="panel">
        <h2>{m.timeline}</h2>
        <ol class="timeline">
          {props.events.map((e) => (
            <li>
              <span class="muted small">
                {formatMoment(e.createdAt, locale, c.locationTimeZone)}
                {actorText(e.actor, props.actorNames, locale) && ` · ${actorText(e.actor, props.actorNames, locale)}`}
              </span>
              <div>
                <strong>
                  {m.events[e.kind as keyof typeof m.events] ?? replyEventLabel(locale, e.kind) ?? e.kind}
                </strong>
                {e.kind === 'resolved' &&
                  e.detail &&
                  ` · ${compensationText(t, e.detail.kind as string, e.detail.amount as number | null, locale)}`}
              </div>
              {e.note && <div class="prewrap">{e.note}</div>}
              {e.previousContact && (
                <div class="muted small">{fill(m.previousContact, { contact: e.previousContact })}</div>
              )}
            </li>
          ))}
        </ol>
      </section>
      {props.notifications.length > 0 && (
        <section class="panel">
          <h2>{m.notifications}</h2>
          <ul class="plain-list">
            {props.notifications.map((n) => (
              <li>
                {m.channel[n.channel]}:{' '}
                <span class={`badge ${n.status === 'sent' ? 'good' : n.status === 'failed' ? 'bad' : 'warn'}`}>
                  {m.notificationStatus[n.status === 'pending' && n.attempts > 0 ? 'retrying' : n.status]}
                </span>{' '}
                <span class="muted small">
                  {fill(m.attempts, { count: n.attempts })}
                  {n.lastError ? ` · ${failureText(n.lastError, t)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
