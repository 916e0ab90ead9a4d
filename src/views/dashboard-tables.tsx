import { dayOf } from '../domain/period';
import { dashboardMessages } from '../i18n/dashboard';
import type { BatchFigures, LocationFigures } from '../services/support-index';
import type { Formatters } from './dashboard-format';
import { dashboardHref, type DashboardQuery } from './dashboard';

type M = (typeof dashboardMessages)['ru'];

/** The figures of one row, in the same order in both tables. */
/** `estimated`: a batch's reviews, index and net support are apportioned from its location's (≈, see the note). */
function FigureCells(props: { figures: LocationFigures['figures']; f: Formatters; m: M; estimated?: boolean }) {
  const { figures: x, f } = props;
  const c = props.m.columns;
  const est = (text: string) => (props.estimated ? `≈\u200a${text}*` : text);
  return (
    <>
      <td class="num" data-label={c.served}>{f.int(x.customersServed)}</td>
      <td class="num" data-label={c.reviewCards}>{f.int(x.countedUniqueReviewCards)}</td>
      <td class="num" data-label={c.positive}>{est(f.int(x.countedPositiveReviews))}</td>
      <td class="num" data-label={c.index}><strong>{est(f.percent(x.supportIndex))}</strong></td>
      <td class="num" data-label={c.complaints}>{f.int(x.countedComplaints)}</td>
      <td class="num" data-label={c.complaintRate}>{f.percent(x.complaintRate)}</td>
      <td class="num" data-label={c.net}>{est(f.signedPercent(x.netSupport))}</td>
    </>
  );
}

function FigureHeads(props: { m: M }) {
  const c = props.m.columns;
  return (
    <>
      <th scope="col" class="num">{c.served}</th>
      <th scope="col" class="num">{c.reviewCards}</th>
      <th scope="col" class="num">{c.positive}</th>
      <th scope="col" class="num">{c.index}</th>
      <th scope="col" class="num">{c.complaints}</th>
      <th scope="col" class="num">{c.complaintRate}</th>
      <th scope="col" class="num">{c.net}</th>
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
            <thead><tr><th scope="col">{m.columns.location}</th><FigureHeads m={m} /></tr></thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  <th scope="row"><a href={dashboardHref(props.query, { location: row.slug, batch: '' })}>{row.name}</a></th>
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

export function BatchTable(props: { rows: BatchFigures[]; f: Formatters; m: M; query: DashboardQuery }) {
  const { m, f } = props;
  return (
    <section class="panel">
      <h2>{m.byBatch}</h2>
      {props.rows.length === 0 ? (
        <p class="muted">{m.noRows}</p>
      ) : (
        <>
          <div class="table-wrap">
            <table id="by-batch" class="si-table">
              <thead><tr><th scope="col">{m.columns.batch}</th><FigureHeads m={m} /></tr></thead>
              <tbody>
                {props.rows.map((row) => (
                  <tr>
                    <th scope="row">
                      <a href={dashboardHref(props.query, { batch: row.id })}>{f.dayShort(dayOf(row.createdAt, row.timeZone))}</a>
                      <span class="hint">{row.locationName} · <a href={`/admin/print/batches/${row.id}`}>{row.id.length > 12 ? `${row.id.slice(0, 8)}…` : row.id}</a></span>
                    </th>
                    <FigureCells figures={row.figures} f={f} m={m} estimated={true} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="small muted" data-note="batch-estimates">{m.byBatchNote}</p>
        </>
      )}
    </section>
  );
}
