import type { BatchOption } from '../domain/batches';
import type { PeriodError } from '../domain/period';
import type { Figures } from '../domain/support-index';
import { messages, type Locale, type Messages } from '../i18n';
import { fill } from '../i18n';
import type { SupportIndexReport } from '../services/support-index';
import { BarChart, HBarChart, LineChart } from './charts';
import type { FirstRunItem } from '../domain/first-run';
import { formatters, type Formatters } from './format';
import { LocationTable, BatchTable } from './dashboard-tables';
import { dashboardHref, type DashboardQuery } from './dashboard-query';
import { batchName } from './batch-name';

interface DashboardProps {
  locale: Locale;
  report: SupportIndexReport;
  query: DashboardQuery;
  periodError?: PeriodError;
  locations: { slug: string; name: string }[];
  batches: BatchOption[];
  scopeName: string;
  now: number;
  /** The owner's first-run checklist while any step is left; null when done or not an owner. */
  firstRun?: FirstRunItem[] | null;
}

const COLOURS = {
  index: '#0b6bcb',
  complaints: '#c4291c',
  neutral: '#8a96a3',
  review: '#0b6bcb',
  complaintScan: '#e08a2c',
  top: '#c4291c',
};

/** A change is coloured only when it is beyond chance; otherwise it is grey and says so. */
function Delta(props: {
  value: number | null;
  significant: boolean;
  higherIsBetter: boolean;
  figure: string;
  f: Formatters;
  m: Messages['dashboard'];
}) {
  if (props.value === null)
    return (
      <p class="delta muted small" data-change={props.figure}>
        {props.m.headline.noChange}
      </p>
    );
  const arrow = props.value > 0 ? '▲' : props.value < 0 ? '▼' : '■';
  const tone =
    !props.significant || props.value === 0 ? 'flat' : props.value > 0 === props.higherIsBetter ? 'up-good' : 'up-bad';
  const text = props.significant ? props.m.headline.change : props.m.headline.withinChance;
  return (
    <p class={`delta small ${tone}`} data-change={props.figure} data-significant={props.significant ? 'true' : 'false'}>
      <span aria-hidden="true">{arrow} </span>
      {fill(text, { delta: props.f.points(props.value) })}
    </p>
  );
}

function coveredDays(n: number, m: Messages['dashboard']): string {
  return fill(n % 10 === 1 && n % 100 !== 11 ? m.headline.daysDative.one : m.headline.daysDative.many, { n });
}

function Kpis(props: { r: SupportIndexReport; f: Formatters; m: Messages['dashboard'] }) {
  const { r, f, m } = props;
  const c = r.current;
  const byOrders = r.mode === 'ordersCount';
  const coverage = byOrders
    ? ` · ${fill(m.headline.ordersCoverageShort, { days: coveredDays(r.coverage.days, m), total: r.coverage.of })}`
    : '';
  const sig = r.change.significant;
  // A batch's reviews are apportioned from its location's: its shares are estimates, marked ≈ with a footnote.
  const est = (text: string) =>
    r.positivesEstimated ? (
      <>
        ≈&#8202;{text}
        <a href="#estimate-note" class="footnote-ref" aria-label={m.headline.estimatedMark}>
          *
        </a>
      </>
    ) : (
      text
    );
  return (
    <section class="si-kpis" aria-label={m.title}>
      <div class="panel si-kpi-card si-kpi-main">
        <h2 class="si-kpi-label">{m.headline.index}</h2>
        <p class="kpi" data-figure="supportIndex">
          {est(f.percent(c.supportIndex))}
        </p>
        {c.supportIndexLow !== null && (
          <p class="small muted" data-figure="interval">
            {fill(m.headline.interval, { low: f.percent(c.supportIndexLow), high: f.percent(c.supportIndexHigh) })}
          </p>
        )}
        <p class="small" data-figure="indexHint">
          {fill(m.headline.indexHint, { positive: f.int(c.countedPositiveReviews), served: f.int(c.customersServed) })}
          {coverage}
        </p>
        <Delta
          value={r.change.supportIndex}
          significant={sig.supportIndex}
          higherIsBetter={true}
          figure="supportIndex"
          f={f}
          m={m}
        />
        {c.smallSample && c.customersServed > 0 && (
          <p class="badge warn" data-warning="small-sample">
            {fill(m.headline.smallSample, { served: f.int(c.customersServed) })}
          </p>
        )}
        {c.positivesExceedServed && <p class="badge warn">{m.headline.exceeds}</p>}
      </div>
      <div class="panel si-kpi-card">
        <h2 class="si-kpi-label">{m.headline.complaintRate}</h2>
        <p class="kpi" data-figure="complaintRate">
          {f.percent(c.complaintRate)}
        </p>
        <p class="small" data-figure="complaintHint">
          {fill(m.headline.complaintHint, { complaints: f.int(c.countedComplaints), served: f.int(c.customersServed) })}
          {coverage}
        </p>
        <Delta
          value={r.change.complaintRate}
          significant={sig.complaintRate}
          higherIsBetter={false}
          figure="complaintRate"
          f={f}
          m={m}
        />
      </div>
      <div class="panel si-kpi-card">
        <h2 class="si-kpi-label">{m.headline.net}</h2>
        <p class="kpi" data-figure="netSupport">
          {est(f.signedPercent(c.netSupport))}
        </p>
        <p class="small">{m.headline.netHint}</p>
        <Delta
          value={r.change.netSupport}
          significant={sig.netSupport}
          higherIsBetter={true}
          figure="netSupport"
          f={f}
          m={m}
        />
      </div>
    </section>
  );
}

/** The funnel counts what the shares count: in orders mode, the days that have an orders count. */
function Funnel(props: { c: Figures; f: Formatters; m: Messages['dashboard']; coverage?: string; estimated: boolean }) {
  const { c, f, m } = props;
  const pct = (n: number) => (c.customersServed > 0 ? ` · ${f.percent(n / c.customersServed)}` : '');
  const bars = [
    { label: m.funnel.served, value: c.customersServed, caption: f.int(c.customersServed), colour: COLOURS.neutral },
    {
      label: m.funnel.reviewScans,
      value: c.countedUniqueReviewCards,
      caption: f.int(c.countedUniqueReviewCards) + pct(c.countedUniqueReviewCards),
      colour: COLOURS.review,
    },
    {
      label: m.funnel.positive,
      value: c.countedPositiveReviews,
      caption:
        (props.estimated ? '≈ ' : '') +
        f.int(c.countedPositiveReviews) +
        pct(c.countedPositiveReviews) +
        (props.estimated ? '*' : ''),
      colour: '#1a7f37',
    },
    {
      label: m.funnel.complaintScans,
      value: c.countedUniqueComplaintCards,
      caption: f.int(c.countedUniqueComplaintCards) + pct(c.countedUniqueComplaintCards),
      colour: COLOURS.complaintScan,
    },
    {
      label: m.funnel.complaints,
      value: c.countedComplaints,
      caption: f.int(c.countedComplaints) + pct(c.countedComplaints),
      colour: COLOURS.complaints,
    },
  ];
  return (
    <section class="panel">
      <h2>{m.funnel.title}</h2>
      <HBarChart
        id="funnel"
        showTitle={false}
        title={m.funnel.title}
        desc={m.funnel.desc}
        tableLabel={m.trend.table}
        bars={bars}
      />
      {props.coverage && (
        <p class="small muted" data-note="funnel-coverage">
          {fill(m.funnel.ordersNote, {
            coverage: props.coverage,
            positive: f.int(c.positiveReviews),
            complaints: f.int(c.complaints),
          })}
        </p>
      )}
      <p class="small muted">
        {fill(m.funnel.scansNote, { all: f.int(c.reviewScans), human: f.int(c.reviewScansHuman) })}
      </p>
    </section>
  );
}

function Complaints(props: { r: SupportIndexReport; f: Formatters; m: Messages['dashboard']; now: number }) {
  const { r, f, m } = props;
  const bars = r.byReason.map((b) => ({
    label: b.reason,
    value: b.count,
    caption: `${f.int(b.count)} · ${f.percent(b.share)}`,
    note: fill(m.pareto.cumulative, { share: f.percent(b.cumulative) }),
    colour: b.top ? COLOURS.top : COLOURS.neutral,
    mark: b.top ? m.pareto.top : b.catchAll ? m.pareto.catchAll : undefined,
    markQuiet: !b.top,
  }));
  return (
    <div class="split">
      <section class="panel">
        <h2>{m.pareto.title}</h2>
        {bars.length === 0 ? (
          <p class="muted">{m.pareto.empty}</p>
        ) : (
          <>
            <HBarChart
              id="pareto"
              showTitle={false}
              title={m.pareto.title}
              desc={m.pareto.desc}
              tableLabel={m.trend.table}
              bars={bars}
            />
            <p class="small muted" data-note="top-rule">
              {m.pareto.rule}
            </p>
          </>
        )}
      </section>
      <section class="panel">
        <h2>{m.open.title}</h2>
        {r.openComplaints.count === 0 ? (
          <p class="muted" data-figure="openComplaints">
            {m.open.none}
          </p>
        ) : (
          <>
            <p class="kpi si-bad" data-figure="openComplaints">
              {f.int(r.openComplaints.count)}
            </p>
            <p>
              {fill(m.open.count, { count: f.int(r.openComplaints.count) })};{' '}
              {fill(m.open.oldest, { wait: f.duration(props.now - (r.openComplaints.oldestAt ?? props.now)) })}
            </p>
          </>
        )}
        <h3>{m.open.median}</h3>
        <p class="kpi-sm" data-figure="medianFirstResponse">
          {r.medianFirstResponseMs === null ? (
            <span class="muted">{m.open.noMedian}</span>
          ) : (
            f.duration(r.medianFirstResponseMs)
          )}
        </p>
        <p class="actions">
          <a class="btn secondary" href="/admin/complaints">
            {m.open.inbox}
          </a>
        </p>
      </section>
    </div>
  );
}

function Trends(props: { r: SupportIndexReport; f: Formatters; m: Messages['dashboard']; query: DashboardQuery }) {
  const { r, f, m, query } = props;
  const labels = r.trend.map((p) => f.dayShort(p.from));
  const by = r.granularity === 'day' ? m.byDay : m.byWeek;
  const window = m.trend.window[r.granularity];
  const unit = m.trend.unit[r.granularity];
  const bots = r.trend.map(
    (p) =>
      p.figures.reviewScans - p.figures.reviewScansHuman + p.figures.complaintScans - p.figures.complaintScansHuman,
  );
  const botTotal = bots.reduce((sum, n) => sum + n, 0);
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>{m.trend.title}</h2>
        <nav class="small seg" aria-label={m.by}>
          <a href={dashboardHref(query, { by: 'day' })} aria-current={r.granularity === 'day' ? 'true' : undefined}>
            {m.byDay}
          </a>
          <a href={dashboardHref(query, { by: 'week' })} aria-current={r.granularity === 'week' ? 'true' : undefined}>
            {m.byWeek}
          </a>
        </nav>
      </div>
      <LineChart
        id="rates"
        title={m.trend.rates}
        desc={fill(m.trend.ratesDesc, { by, window })}
        tableLabel={m.trend.table}
        labelHeader={m.columns.period}
        labels={labels}
        format={(v) => f.percent(v)}
        series={[
          {
            name: r.positivesEstimated ? `≈ ${m.headline.index}*` : m.headline.index,
            values: r.trend.map((p) => p.trailing.supportIndex),
            colour: COLOURS.index,
          },
          {
            name: m.headline.complaintRate,
            values: r.trend.map((p) => p.trailing.complaintRate),
            colour: COLOURS.complaints,
          },
          {
            name: fill(m.trend.own, { name: r.positivesEstimated ? `≈ ${m.headline.index}*` : m.headline.index, unit }),
            values: r.trend.map((p) => p.figures.supportIndex),
            colour: COLOURS.index,
            tableOnly: true,
          },
          {
            name: fill(m.trend.own, { name: m.headline.complaintRate, unit }),
            values: r.trend.map((p) => p.figures.complaintRate),
            colour: COLOURS.complaints,
            tableOnly: true,
          },
        ]}
      />
      <p class="small muted" data-note="trailing">
        {fill(m.trend.ratesNote, { window, unit })}
      </p>
      <BarChart
        id="scans"
        title={m.trend.scans}
        desc={fill(m.trend.scansDesc, { by })}
        tableLabel={m.trend.table}
        labelHeader={m.columns.period}
        labels={labels}
        format={(v) => f.int(v)}
        series={[
          {
            name: m.trend.uniqueReview,
            values: r.trend.map((p) => p.figures.uniqueReviewCards),
            colour: COLOURS.review,
          },
          {
            name: m.trend.uniqueComplaint,
            values: r.trend.map((p) => p.figures.uniqueComplaintCards),
            colour: COLOURS.complaintScan,
          },
          { name: m.trend.bots, values: bots, colour: COLOURS.neutral, tableOnly: true },
        ]}
      />
      {botTotal > 0 && (
        <p class="small muted" data-note="bots">
          {fill(m.trend.botsNote, { bots: f.int(botTotal) })}
        </p>
      )}
    </section>
  );
}

function Filters(props: DashboardProps & { m: Messages['dashboard']; f: Formatters; open: boolean }) {
  const { m, query, f } = props;
  return (
    <details class="panel filters no-print" open={props.open}>
      <summary>{m.refine}</summary>
      <form method="get" action="/admin">
        <div class="row">
          <div>
            <label for="f-period">{m.periodLabel}</label>
            <select id="f-period" name="period">
              {(['7d', '30d', '90d', '365d', 'month', 'custom'] as const).map((p) => (
                <option value={p} selected={query.period === p}>
                  {m.periods[p]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-month">{m.month}</label>
            <input id="f-month" type="month" name="month" value={query.month} />
          </div>
          <div>
            <label for="f-from">{m.from}</label>
            <input id="f-from" type="date" name="from" value={query.from} />
          </div>
          <div>
            <label for="f-to">{m.to}</label>
            <input id="f-to" type="date" name="to" value={query.to} />
          </div>
        </div>
        <div class="row">
          <div>
            <label for="f-location">{m.location}</label>
            <select id="f-location" name="location">
              <option value="">{m.allLocations}</option>
              {props.locations.map((l) => (
                <option value={l.slug} selected={query.location === l.slug}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-batch">{m.batch}</label>
            <select id="f-batch" name="batch">
              <option value="">{m.anyBatch}</option>
              {props.batches.map((b) => (
                <option
                  value={b.id}
                  selected={query.batch === b.id}
                >{`${batchName(b, props.locale)} · ${f.int(b.cardCount)}`}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-by">{m.by}</label>
            <select id="f-by" name="by">
              <option value="day" selected={query.by === 'day'}>
                {m.byDay}
              </option>
              <option value="week" selected={query.by === 'week'}>
                {m.byWeek}
              </option>
            </select>
          </div>
          <div class="shrink">
            <button class="btn" type="submit">
              {m.show}
            </button>
          </div>
        </div>
      </form>
    </details>
  );
}

/** Five steps to a working deployment, ticked by what has been done; gone once all are. */
function FirstRun(props: { items: FirstRunItem[]; m: Messages['dashboard'] }) {
  const { m, items } = props;
  const left = items.filter((i) => !i.done).length;
  return (
    <section class="panel first-run no-print" id="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{m.firstRun.title}</h2>
      <p class="muted small">{fill(m.firstRun.left, { left, total: items.length })}</p>
      <ol class="checklist">
        {items.map((item) => (
          <li class={item.done ? 'done' : undefined} data-step={item.step} data-done={item.done ? '1' : '0'}>
            <span class="check-mark" aria-hidden="true">
              {item.done ? '✓' : ''}
            </span>
            <span>
              {item.done ? (
                <span>{m.firstRun.steps[item.step]}</span>
              ) : (
                <a href={item.href}>{m.firstRun.steps[item.step]}</a>
              )}
              <span class="sr-only">{item.done ? ` — ${m.firstRun.done}` : ''}</span>
              {!item.done && <span class="hint">{m.firstRun.hints[item.step]}</span>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function DashboardPage(props: DashboardProps) {
  const m = messages(props.locale).dashboard;
  const f = formatters(props.locale);
  const { report: r, query } = props;
  const c = r.current;
  const quiet = c.customersServed === 0 && c.reviewScans === 0 && c.complaints === 0 && c.positiveReviews === 0;
  return (
    <div class="dashboard">
      <div class="page-head">
        <div>
          <h1>{m.title}</h1>
          <p class="muted" data-figure="range">
            {props.scopeName} · {fill(m.range, { from: f.dayLong(r.period.from), to: f.dayLong(r.period.to) })}
          </p>
        </div>
        <a class="btn secondary no-print" href="/admin/reviews">
          {m.reviewsLink}
        </a>
      </div>
      {props.firstRun && <FirstRun items={props.firstRun} m={m} />}
      <nav class="seg period-tabs no-print" aria-label={m.periodLabel}>
        {(['7d', '30d', '90d', '365d', 'month'] as const).map((p) => (
          <a
            href={dashboardHref(query, {
              period: p,
              month: '',
              by: p === '7d' || p === '30d' || p === 'month' ? 'day' : 'week',
            })}
            aria-current={query.period === p ? 'true' : undefined}
          >
            {m.periods[p]}
          </a>
        ))}
      </nav>
      {props.periodError && (
        <div class="alert error" role="alert">
          {m.periodErrors[props.periodError]}
        </div>
      )}
      {quiet && (
        <div class="panel empty">
          <h2>{m.empty.title}</h2>
          <p>{m.empty.text}</p>
          <p class="actions">
            <a class="btn" href="/admin/print">
              {m.empty.print}
            </a>
            <a class="btn secondary" href="/admin/reviews">
              {m.empty.reviews}
            </a>
          </p>
        </div>
      )}
      {r.mode === 'ordersCount' && r.coverage.days === 0 && (
        <div class="alert warn" role="status" data-warning="no-orders">
          <p>{m.headline.noOrders}</p>
          <p class="actions">
            <a class="btn" href="/admin/reviews">
              {m.headline.enterOrders}
            </a>
          </p>
        </div>
      )}
      <Kpis r={r} f={f} m={m} />
      <p class="small muted">
        {r.mode === 'ordersCount'
          ? fill(m.headline.ordersCoverage, { days: coveredDays(r.coverage.days, m), total: r.coverage.of })
          : m.headline.cardsSource}{' '}
        {m.headline.significance}{' '}
        {r.positivesEstimated && (
          <span id="estimate-note" data-note="estimated">
            {m.headline.estimated}
          </span>
        )}{' '}
        {fill(m.comparedWith, { from: f.dayShort(r.previous.from), to: f.dayLong(r.previous.to) })}
      </p>
      <Filters
        {...props}
        m={m}
        f={f}
        open={
          query.period === 'custom' || query.location !== '' || query.batch !== '' || props.periodError !== undefined
        }
      />
      <Funnel
        c={c}
        f={f}
        m={m}
        estimated={r.positivesEstimated}
        coverage={
          r.mode === 'ordersCount'
            ? fill(m.headline.ordersCoverageShort, { days: coveredDays(r.coverage.days, m), total: r.coverage.of })
            : undefined
        }
      />
      <Complaints r={r} f={f} m={m} now={props.now} />
      <Trends r={r} f={f} m={m} query={query} />
      {r.scope.batchId === null && <LocationTable rows={r.locations} f={f} m={m} query={query} />}
      <BatchTable rows={r.batches} f={f} m={m} query={query} locale={props.locale} />
      <section class="panel no-print">
        <h2>{m.export.title}</h2>
        <p class="actions">
          <a class="btn secondary" href={dashboardHref(query, {}, '/admin/export.csv') + '&kind=daily'} download>
            {m.export.daily}
          </a>
          <a class="btn secondary" href={dashboardHref(query, {}, '/admin/export.csv') + '&kind=scans'} download>
            {m.export.scans}
          </a>
          <a class="btn secondary" href={dashboardHref(query, {}, '/admin/export.csv') + '&kind=complaints'} download>
            {m.export.complaints}
          </a>
        </p>
        <p class="hint">
          {m.export.hint}{' '}
          {(['daily', 'scans', 'complaints'] as const).map((kind, i) => (
            <>
              {i > 0 && ' · '}
              <a href={dashboardHref(query, {}, '/admin/export.csv') + `&kind=${kind}&format=en`} download>
                {m.export[kind]}
              </a>
            </>
          ))}
        </p>
      </section>
    </div>
  );
}
