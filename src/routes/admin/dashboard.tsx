import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requirePermission } from '../../auth/middleware';
import { can, homeFor } from '../../auth/roles';
import { complaintsForExport, scansForExport } from '../../db/exports';
import { firstRunFacts } from '../../db/first-run';
import { listLocations } from '../../db/locations';
import { firstRunChecklist } from '../../domain/first-run';
import { recentBatches } from '../../db/support-index';
import {
  addDays,
  dayOf,
  dayStart,
  defaultGranularity,
  parsePeriod,
  PERIOD_KINDS,
  type Granularity,
  type PeriodKind,
} from '../../domain/period';
import type { AppEnv } from '../../env';
import { badRequest } from '../../errors';
import { fill, messages } from '../../i18n';
import { complaintsCsv, csvFormatOf, dailyCsv, scansCsv } from '../../services/support-index-csv';
import { buildReport, resolveScope, type ResolvedScope } from '../../services/support-index';
import { DashboardPage } from '../../views/dashboard';
import type { DashboardQuery } from '../../views/dashboard-query';
import { formatters } from '../../views/format';

/** The owner's Monday page: the Support Index for a period and scope, and its CSV export. */
// Mounted at the admin root, so each route names its permission (a '*' guard would cover every page).
export const dashboardRoutes = new Hono<AppEnv>();

/** Reads period, scope and chart step from the query; an unknown location or batch is a 400 page. */
async function readRequest(c: Context<AppEnv>, now: number) {
  const q = (key: string) => (c.req.query(key) ?? '').slice(0, 40);
  const resolved = await resolveScope(c.env.DB, q('location'), q('batch'));
  // Days of the scope's zone: a location's own, or the owner's for all locations.
  const { period, error } = parsePeriod(
    { period: q('period') || undefined, month: q('month'), from: q('from'), to: q('to') },
    now,
    resolved.timeZone,
  );
  const by: Granularity =
    q('by') === 'day' || q('by') === 'week' ? (q('by') as Granularity) : defaultGranularity(period);
  const kind = PERIOD_KINDS.includes(q('period') as PeriodKind) ? (q('period') as PeriodKind) : period.kind;
  const query: DashboardQuery = {
    period: error ? period.kind : kind,
    month: period.month ?? q('month'),
    from: kind === 'custom' && !error ? period.from : q('from') || period.from,
    to: kind === 'custom' && !error ? period.to : q('to') || period.to,
    location: resolved.location?.slug ?? '',
    batch: resolved.batch?.id ?? '',
    by,
  };
  return { period, error, resolved, by, query };
}

function scopeName(c: Context<AppEnv>, resolved: ResolvedScope): string {
  const m = messages(c.get('locale')).dashboard;
  if (resolved.batch)
    return `${m.batch} ${formatters(c.get('locale')).dayShort(dayOf(resolved.batch.createdAt, resolved.timeZone))} · ${resolved.batch.locationName}`;
  return resolved.location?.name ?? m.allLocations;
}

/** `/admin` is every role's way in (the brand link, a typed address): a role without the dashboard lands on its own home. */
const homeOfRole = createMiddleware<AppEnv>(async (c, next) => {
  const actor = c.get('actor');
  if (actor && !can(actor.role, 'dashboard')) return c.redirect(homeFor(actor.role), 302);
  await next();
});

dashboardRoutes.get('/', homeOfRole, requirePermission('dashboard'), async (c) => {
  const now = Date.now();
  const { period, error, resolved, by, query } = await readRequest(c, now);
  const [report, locations, batches, facts] = await Promise.all([
    buildReport(c.env.DB, {
      period,
      scope: resolved.scope,
      granularity: by,
      withTables: true,
      timeZone: resolved.timeZone,
    }),
    listLocations(c.env.DB),
    recentBatches(c.env.DB),
    // The first-run checklist is the owner's: the one who sets the deployment up.
    c.get('actor')?.role === 'owner' ? firstRunFacts(c.env.DB) : null,
  ]);
  const m = messages(c.get('locale')).dashboard;
  return c.render(
    <DashboardPage
      locale={c.get('locale')}
      report={report}
      query={query}
      periodError={error}
      locations={locations.filter((l) => l.archivedAt === null).map((l) => ({ slug: l.slug, name: l.name }))}
      batches={batches}
      scopeName={scopeName(c, resolved)}
      now={now}
      firstRun={facts ? firstRunChecklist(facts) : null}
    />,
    { title: m.title, current: '/admin' },
  );
});

dashboardRoutes.get('/export.csv', requirePermission('dashboard'), async (c) => {
  const { period, resolved, by } = await readRequest(c, Date.now());
  const kind = c.req.query('kind') ?? 'daily';
  const format = csvFormatOf(c.req.query('format'));
  if (format === null) throw badRequest('format must be excel or en', 'format');
  const fromMs = dayStart(period.from, resolved.timeZone);
  const toMs = dayStart(addDays(period.to, 1), resolved.timeZone);
  let body: string;
  if (kind === 'daily')
    body = dailyCsv(
      await buildReport(c.env.DB, {
        period,
        scope: resolved.scope,
        granularity: by,
        withTables: false,
        timeZone: resolved.timeZone,
      }),
      format,
    );
  else if (kind === 'scans') body = scansCsv(await scansForExport(c.env.DB, fromMs, toMs, resolved.scope), format);
  else if (kind === 'complaints')
    body = complaintsCsv(await complaintsForExport(c.env.DB, fromMs, toMs, resolved.scope), format);
  else throw badRequest('kind must be daily, scans or complaints', 'kind');
  const name = fill('support-index-{kind}-{scope}-{from}-{to}.csv', {
    kind,
    scope: resolved.batch?.id.slice(0, 8) ?? resolved.location?.slug ?? 'all',
    from: period.from,
    to: period.to,
  });
  return c.body('\uFEFF' + body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
  });
});
