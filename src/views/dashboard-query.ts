import type { Granularity, PeriodKind } from '../domain/period';

export interface DashboardQuery {
  period: PeriodKind;
  month: string;
  from: string;
  to: string;
  location: string;
  batch: string;
  by: Granularity;
}

/** A link to this page with some of the query changed. */
export function dashboardHref(query: DashboardQuery, changes: Partial<DashboardQuery>, path = '/admin'): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams({ period: q.period });
  if (q.period === 'month' && q.month) params.set('month', q.month);
  if (q.period === 'custom') {
    params.set('from', q.from);
    params.set('to', q.to);
  }
  if (q.location) params.set('location', q.location);
  if (q.batch) params.set('batch', q.batch);
  params.set('by', q.by);
  return `${path}?${params}`;
}
