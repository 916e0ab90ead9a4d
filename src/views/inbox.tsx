import { COMPLAINT_STATUSES, type Complaint, type ComplaintStatus } from '../domain/complaints';
import { messages, type Locale, type Messages } from '../i18n';
import { fill } from '../i18n';
import { batchName, type NamedBatch } from './batch-name';
import { formatShortMoment, formatWaiting } from './format';
import { useT } from './request';

export type AdminT = Messages['complaintsAdmin'];

export const PERIOD_DAYS = ['1', '7', '30', '90', '365'] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

export interface InboxFilterValues {
  /** 'open' when the query names none: the inbox is for complaints still waiting */
  status: ComplaintStatus | 'all';
  reason: string;
  location: string;
  batch: string;
  period: PeriodDays;
  overdue: boolean;
}

/** The filters as a query string, so the list's links, its pages and a complaint's page keep them. */
export function inboxQuery(f: InboxFilterValues, page = 1): string {
  const q = new URLSearchParams({ status: f.status });
  if (f.reason) q.set('reason', f.reason);
  if (f.location) q.set('location', f.location);
  if (f.batch) q.set('batch', f.batch);
  q.set('period', f.period);
  if (f.overdue) q.set('overdue', '1');
  if (page > 1) q.set('page', String(page));
  return q.toString();
}

interface InboxRow {
  complaint: Complaint;
  waitingMs: number;
  overdue: boolean;
}

interface InboxProps {
  locale: Locale;
  target: string;
  filters: InboxFilterValues;
  locations: { id: number; name: string }[];
  reasons: string[];
  rows: InboxRow[];
  /** batches with complaints, for the batch filter */
  batches: (NamedBatch & { id: string })[];
  /** all complaints the filters match, and the page of them shown */
  total: number;
  page: number;
  pages: number;
  openCount: number;
  overdueCount: number;
  /** in the locations' working time */
  medianMs: number | null;
  /** the same median in plain time, closed hours included */
  medianRawMs: number | null;
  notificationProblems: number;
}

export function StatusBadge(props: { status: ComplaintStatus; overdue?: boolean }) {
  const t = useT().complaintsAdmin;
  const tone = props.overdue ? 'bad' : props.status === 'open' ? 'warn' : props.status === 'resolved' ? 'good' : '';
  return <span class={`badge ${tone}`}>{props.overdue ? t.inbox.overdueBadge : t.statuses[props.status]}</span>;
}

function Filters(props: InboxProps) {
  const t = useT().complaintsAdmin;
  const { filters } = props;
  const i = t.inbox;
  return (
    <form method="get" action="/admin/complaints" class="panel filters" aria-label={i.filters}>
      <div class="row">
        <div>
          <label for="f-status">{i.status}</label>
          <select id="f-status" name="status">
            <option value="all" selected={filters.status === 'all'}>
              {i.any}
            </option>
            {COMPLAINT_STATUSES.map((s) => (
              <option value={s} selected={filters.status === s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-reason">{i.reason}</label>
          <select id="f-reason" name="reason">
            <option value="">{i.any}</option>
            {props.reasons.map((r) => (
              <option value={r} selected={filters.reason === r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-location">{i.location}</label>
          <select id="f-location" name="location">
            <option value="">{i.any}</option>
            {props.locations.map((l) => (
              <option value={String(l.id)} selected={filters.location === String(l.id)}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-batch">{i.batch}</label>
          <select id="f-batch" name="batch">
            <option value="">{messages(props.locale).inboxNav.anyBatch}</option>
            {props.batches.map((b) => (
              <option value={b.id} selected={filters.batch === b.id}>
                {batchName(b, props.locale)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-period">{i.period}</label>
          <select id="f-period" name="period">
            {PERIOD_DAYS.map((p) => (
              <option value={p} selected={filters.period === p}>
                {i.periods[p]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="actions">
        <label class="inline-check" for="f-overdue">
          <input id="f-overdue" type="checkbox" name="overdue" value="1" checked={filters.overdue} />
          {i.overdue}
        </label>
        <button class="btn" type="submit">
          {i.apply}
        </button>
        <a class="btn secondary" href="/admin/complaints">
          {i.reset}
        </a>
      </div>
    </form>
  );
}

export function InboxPage(props: InboxProps) {
  const t = useT().complaintsAdmin;
  const { locale, rows } = props;
  const i = t.inbox;
  const query = inboxQuery(props.filters);
  return (
    <>
      <h1>{i.title}</h1>
      <p class="muted">{fill(i.intro, { target: props.target })}</p>
      {props.notificationProblems > 0 && (
        <div class="alert error" role="status">
          {fill(i.notificationProblems, { count: props.notificationProblems })}{' '}
          <a href="/admin/settings/complaints#problems">{i.notificationLink}</a>
        </div>
      )}
      <div class="grid kpis">
        <div class="panel">
          <p class="muted small">{i.openNow}</p>
          <p class="kpi">{props.openCount}</p>
        </div>
        <div class={`panel${props.overdueCount > 0 ? ' kpi-bad' : ''}`}>
          <p class="muted small">{i.overdueNow}</p>
          <p class="kpi">{props.overdueCount}</p>
        </div>
        <div class="panel">
          <p class="muted small">{i.medianResponse}</p>
          <p class="kpi" data-testid="median">
            {props.medianMs === null ? i.noMedian : formatWaiting(props.medianMs, locale)}
          </p>
          <p class="muted small hint-sm">{i.medianHint}</p>
          {props.medianRawMs !== null && (
            <p class="muted small hint-sm" data-testid="median-raw">
              {fill(i.medianRaw, { time: formatWaiting(props.medianRawMs, locale) })}
            </p>
          )}
        </div>
      </div>
      <Filters {...props} />
      <p class="muted small">{fill(i.found, { count: props.total })}</p>
      {rows.length === 0 ? (
        <p class="panel">{i.empty}</p>
      ) : (
        <div class="table-wrap">
          <table class="inbox">
            <thead>
              <tr>
                <th>{i.columns.when}</th>
                <th>{i.columns.due}</th>
                <th>{i.columns.waiting}</th>
                <th>{i.columns.reason}</th>
                <th>{i.columns.location}</th>
                <th>{i.columns.comment}</th>
                <th>{i.columns.contact}</th>
                <th>{i.columns.status}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ complaint: c, waitingMs, overdue }) => (
                <tr class={overdue ? 'overdue' : undefined}>
                  <td class="c-when">
                    <a class="nowrap" href={`/admin/complaints/${c.id}?${query}`}>
                      {formatShortMoment(c.createdAt, locale, c.locationTimeZone)}
                    </a>
                  </td>
                  <td class="nowrap c-due" data-due={c.dueAt === null ? undefined : new Date(c.dueAt).toISOString()}>
                    {c.dueAt !== null &&
                      (overdue ? (
                        <strong class="bad-text">{formatShortMoment(c.dueAt, locale, c.locationTimeZone)}</strong>
                      ) : (
                        formatShortMoment(c.dueAt, locale, c.locationTimeZone)
                      ))}
                  </td>
                  <td class="num nowrap c-wait">
                    {c.firstResponseAt === null && c.status === 'open' ? (
                      <strong>{formatWaiting(waitingMs, locale)}</strong>
                    ) : (
                      <span class="muted small">{fill(i.answeredIn, { time: formatWaiting(waitingMs, locale) })}</span>
                    )}
                  </td>
                  <td class="c-reason">
                    {c.reason}
                    {c.onVoidedCard && (
                      <>
                        {' '}
                        <span class="badge warn" data-flag="voided-card">
                          {i.voidedCard}
                        </span>
                      </>
                    )}
                  </td>
                  <td class="c-loc">{c.locationName}</td>
                  <td class="clip c-comment">{c.comment ?? ''}</td>
                  <td class="nowrap c-contact">{c.contactMasked ?? ''}</td>
                  <td class="c-status">
                    <StatusBadge status={c.status} overdue={overdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager {...props} />
    </>
  );
}

function Pager(props: InboxProps) {
  if (props.pages <= 1) return null;
  const n = messages(props.locale).inboxNav;
  const href = (page: number) => `/admin/complaints?${inboxQuery(props.filters, page)}`;
  return (
    <nav class="actions" aria-label={n.pages}>
      {props.page > 1 && (
        <a class="btn secondary" href={href(props.page - 1)} rel="prev">
          {n.newer}
        </a>
      )}
      <span class="muted small">{fill(n.page, { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages && (
        <a class="btn secondary" href={href(props.page + 1)} rel="next">
          {n.older}
        </a>
      )}
    </nav>
  );
}
