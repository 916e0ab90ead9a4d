import { fill, type Locale, type Messages } from '../i18n';
import { BATCH_TABLE_LIMIT, type BatchFigures, type LocationFigures } from '../services/support-index';
import type { Formatters } from './format';
import { dashboardHref, type DashboardQuery } from './dashboard-query';
import { designName } from './batch-name';
import { formatShortMoment } from './format';

type M = Messages['dashboard'];

/** The figures of one row, in the same order in both tables. */
/** `estimated`: a batch's reviews, index and net support are apportioned from its location's (≈, see the note). */
function FigureCells(props: { figures: LocationFigures['figures']; f: Formatters; m: M; estimated?: boolean }) {
  const { figures: x, f } = props;
  const c = props.m.columns;
  const est = (text: string) => (props.estimated ? `≈\u200a${text}*` : text);
  return (
    <>
      <td class="num" data-label={c.served}>
        {f.int(x.customersServed)}
      </td>
      <td class="num" data-label={c.reviewCards}>
        {f.int(x.countedUniqueReviewCards)}
      </td>
      <td class="num" data-label={c.positive}>
        {est(f.int(x.countedPositiveReviews))}
      </td>
      <td class="num" data-label={c.index}>
        <strong>{est(f.percent(x.supportIndex))}</strong>
      </td>
      <td class="num" data-label={c.complaints}>
        {f.int(x.countedComplaints)}
      </td>
      <td class="num" data-label={c.complaintRate}>
        {f.percent(x.complaintRate)}
      </td>
      <td class="num" data-label={c.net}>
        {est(f.signedPercent(x.netSupport))}
      </td>
    </>
  );
}

function FigureHeads(props: { m: M }) {
  const c = props.m.columns;
  return (
    <>
      <th scope="col" class="num">
        {c.served}
      </th>
      <th scope="col" class="num">
        {c.reviewCards}
      </th>
      <th scope="col" class="num">
        {c.positive}
      </th>
      <th scope="col" class="num">
        {c.index}
      </th>
      <th scope="col" class="num">
        {c.complaints}
      </th>
      <th scope="col" class="num">
        {c.complaintRate}
      </th>
      <th scope="col" class="num">
        {c.net}
      </th>
    </>
  );
}

export function LocationTable(props: { rows: LocationFigures[]; f: Formatters; m: M; query: DashboardQuery }) {
  const { m, f } = props;
  return (
    <section class="panel">
      <h2>{m.byLocation}</h2>
      {props.rows.length === 0 ? (
        <p class="muted">{m.noRows}</p>
      ) : (
        <div class="table-wrap">
          <table id="by-location" class="si-table">
            <thead>
              <tr>
                <th scope="col">{m.columns.location}</th>
                <FigureHeads m={m} />
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={dashboardHref(props.query, { location: row.slug, batch: '' })}>{row.name}</a>
                  </th>
                  <FigureCells figures={row.figures} f={f} m={m} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Rows shown before "more batches": a phone shows each row as a card. */
const BATCHES_SHOWN = 10;

function BatchRows(props: {
  id: string;
  rows: BatchFigures[];
  f: Formatters;
  m: M;
  query: DashboardQuery;
  locale: Locale;
}) {
  const { m, f } = props;
  return (
    <div class="table-wrap">
      <table id={props.id} class="si-table">
        <thead>
          <tr>
            <th scope="col">{m.columns.batch}</th>
            <FigureHeads m={m} />
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">
                <a href={dashboardHref(props.query, { batch: row.id })}>
                  {formatShortMoment(row.createdAt, props.locale, row.timeZone)}
                </a>
                <span class="hint">
                  {row.locationName} · {designName(row.template, props.locale)} ·{' '}
                  <a href={`/admin/print/batches/${row.id}`}>{m.batchCards}</a>
                </span>
              </th>
              <FigureCells figures={row.figures} f={f} m={m} estimated={true} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every batch with activity in the period, newest first; beyond the first few, behind "more". */
export function BatchTable(props: {
  rows: BatchFigures[];
  f: Formatters;
  m: M;
  query: DashboardQuery;
  locale: Locale;
}) {
  const { m } = props;
  const shown = props.rows.slice(0, BATCHES_SHOWN);
  const more = props.rows.slice(BATCHES_SHOWN);
  return (
    <section class="panel">
      <h2>{m.byBatch}</h2>
      {props.rows.length === 0 ? (
        <p class="muted">{m.noRows}</p>
      ) : (
        <>
          <BatchRows {...props} id="by-batch" rows={shown} />
          {more.length > 0 && (
            <details class="more-rows">
              <summary>{fill(m.moreBatches, { count: more.length })}</summary>
              <BatchRows {...props} id="by-batch-more" rows={more} />
            </details>
          )}
          {props.rows.length >= BATCH_TABLE_LIMIT && (
            <p class="small muted">{fill(m.batchLimit, { count: BATCH_TABLE_LIMIT })}</p>
          )}
          <p class="small muted" data-note="batch-estimates">
            {m.byBatchNote}
          </p>
        </>
      )}
    </section>
  );
}
