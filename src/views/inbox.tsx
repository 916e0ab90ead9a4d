import type { Complaint } from '../db/complaints';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../domain/complaints';
import type { Locale } from '../i18n';
import { fill } from '../i18n';
import type { complaintsAdmin } from '../i18n/complaints-admin';
import { formatShort, formatWaiting } from './inbox-format';

export type AdminT = (typeof complaintsAdmin)['ru'] | (typeof complaintsAdmin)['en'];

export const PERIOD_DAYS = ['1', '7', '30', '90', '365'] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

export interface InboxFilterValues {
  status: ComplaintStatus | '';
  reason: string;
  location: string;
  batch: string;
  period: PeriodDays;
  overdue: boolean;
}

export interface InboxRow {
  complaint: Complaint;
  waitingMs: number;
  overdue: boolean;
}

export interface InboxProps {
  t: AdminT;
  locale: Locale;
  target: string;
  filters: InboxFilterValues;
  locations: { id: number; name: string }[];
  reasons: string[];
  rows: InboxRow[];
  limit: number;
  openCount: number;
  overdueCount: number;
  /** in the locations' working time */
  medianMs: number | null;
  /** the same median in plain time, closed hours included */
  medianRawMs: number | null;
  notificationProblems: number;
}

export function StatusBadge(props: { t: AdminT; status: ComplaintStatus; overdue?: boolean }) {
  const tone = props.overdue ? 'bad' : props.status === 'open' ? 'warn' : props.status === 'resolved' ? 'good' : '';
  return <span class={`badge ${tone}`}>{props.overdue ? props.t.inbox.overdueBadge : props.t.statuses[props.status]}</span>;
}

function Filters(props: InboxProps) {
  const { t, filters } = props;
  const i = t.inbox;
  return (
    <form method="get" action="/admin/complaints" class="panel filters" aria-label={i.filters}>
      <div class="row">
        <div>
          <label for="f-status">{i.status}</label>
          <select id="f-status" name="status">
            <option value="">{i.any}</option>
            {COMPLAINT_STATUSES.map((s) => <option value={s} selected={filters.status === s}>{t.statuses[s]}</option>)}
          </select>
        </div>
        <div>
          <label for="f-reason">{i.reason}</label>
          <select id="f-reason" name="reason">
            <option value="">{i.any}</option>
            {props.reasons.map((r) => <option value={r} selected={filters.reason === r}>{r}</option>)}
          </select>
        </div>
        <div>
          <label for="f-location">{i.location}</label>
          <select id="f-location" name="location">
            <option value="">{i.any}</option>
            {props.locations.map((l) => <option value={String(l.id)} selected={filters.location === String(l.id)}>{l.name}</option>)}
          </select>
        </div>
        <div>
          <label for="f-batch">{i.batch}</label>
          <input id="f-batch" name="batch" type="text" value={filters.batch} placeholder={i.batchHint} maxlength={40} />
        </div>
        <div>
          <label for="f-period">{i.period}</label>
          <select id="f-period" name="period">
            {PERIOD_DAYS.map((p) => <option value={p} selected={filters.period === p}>{i.periods[p]}</option>)}
          </select>
        </div>
      </div>
      <div class="actions">
        <label class="inline-check" for="f-overdue">
          <input id="f-overdue" type="checkbox" name="overdue" value="1" checked={filters.overdue} />
          {i.overdue}
        </label>
        <button class="btn" type="submit">{i.apply}</button>
        <a class="btn secondary" href="/admin/complaints">{i.reset}</a>
      </div>
    </form>
  );
}

export function InboxPage(props: InboxProps) {
  const { t, locale, rows } = props;
  const i = t.inbox;
  return (
    <>
      <h1>{i.title}</h1>
      <p class="muted">{fill(i.intro, { target: props.target })}</p>
      {props.notificationProblems > 0 && (
        <div class="alert error" role="status">
          {fill(i.notificationProblems, { count: props.notificationProblems })} <a href="/admin/settings/complaints#problems">{i.notificationLink}</a>
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
          <p class="kpi" data-testid="median">{props.medianMs === null ? i.noMedian : formatWaiting(props.medianMs, locale)}</p>
          <p class="muted small hint-sm">{i.medianHint}</p>
          {props.medianRawMs !== null && <p class="muted small hint-sm" data-testid="median-raw">{fill(i.medianRaw, { time: formatWaiting(props.medianRawMs, locale) })}</p>}
        </div>
      </div>
      <Filters {...props} />
      <p class="muted small">{fill(i.found, { count: rows.length })}{rows.length >= props.limit ? ` ${fill(i.shownLimit, { count: props.limit })}` : ''}</p>
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
                    <a class="nowrap" href={`/admin/complaints/${c.id}`}>{formatShort(c.createdAt, locale, c.locationTimeZone)}</a>
                  </td>
                  <td class="nowrap c-due" data-due={c.dueAt === null ? undefined : new Date(c.dueAt).toISOString()}>
                    {c.dueAt !== null && (overdue ? <strong class="bad-text">{formatShort(c.dueAt, locale, c.locationTimeZone)}</strong> : formatShort(c.dueAt, locale, c.locationTimeZone))}
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
                    {c.onVoidedCard && <> <span class="badge warn" data-flag="voided-card">{i.voidedCard}</span></>}
                  </td>
                  <td class="c-loc">{c.locationName}</td>
                  <td class="clip c-comment">{c.comment ?? ''}</td>
                  <td class="nowrap c-contact">{c.contactMasked ?? ''}</td>
                  <td class="c-status">
                    <StatusBadge t={t} status={c.status} overdue={overdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
