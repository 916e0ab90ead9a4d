import type { ReviewCountEntry, OrdersEntry } from '../domain/reviews';
import type { CustomersServedMode } from '../domain/support-index';
import { messages, type Locale, type Messages } from '../i18n';
import { fill } from '../i18n';
import { HEADER_SYNONYMS } from '../domain/review-import';
import type { ImportReport } from '../services/review-import';
import { formatters } from './format';
import { CsrfField, Field, PostButton } from './layout';
import { IncomingReviews, type IncomingReviewsProps } from './review-inbox';
import { PLATFORMS, type Platform } from '../domain/review-links';

type M = Messages['reviews'];
type ReviewFormName = 'count' | 'import' | 'orders' | 'ordersImport' | 'mode';

export interface ReviewsPageProps {
  locale: Locale;
  locations: { slug: string; name: string }[];
  mode: CustomersServedMode;
  counts: ReviewCountEntry[];
  orders: OrdersEntry[];
  notice?: string;
  /** The form that failed, its values and its field errors (message keys). */
  failed?: {
    form: ReviewFormName;
    values: Record<string, string>;
    errors: Record<string, string>;
    report?: ImportReport;
  };
  today: string;
  /** Reviews that arrived by themselves: those to confirm, and when each road last brought one. */
  incoming?: Omit<IncomingReviewsProps, 'locale' | 'locations'>;
}

function LocationSelect(props: {
  m: M;
  id: string;
  value: string;
  error?: string;
  locations: ReviewsPageProps['locations'];
  hint?: string;
}) {
  return (
    <Field id={props.id} label={props.m.location} hint={props.hint} error={props.error}>
      <select id={props.id} name="location" aria-invalid={props.error ? 'true' : undefined}>
        <option value="">{props.m.chooseLocation}</option>
        {props.locations.map((l) => (
          <option value={l.slug} selected={props.value === l.slug}>
            {l.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A column's name as the owner reads it; other fields (file, row) as they are. */
const columnName = (m: M, field: string) => (field in m.columns ? m.columns[field as keyof M['columns']] : field);

function Report(props: { m: M; report: ImportReport }) {
  const { m } = props;
  return (
    <div class="alert error" role="alert" id="import-report">
      <p>
        <strong>{m.import.failed}</strong>
      </p>
      <ul class="result-list">
        {props.report.rejected
          .filter((r) => r.code !== 'duplicate')
          .map((r) => (
            <li>
              {fill(m.report.line, { line: r.line })}:{' '}
              {fill(m.errors[r.code as keyof M['errors']] ?? r.code, { field: columnName(m, r.field) })}
              {r.duplicateOf !== undefined && ` (${fill(m.report.repeats, { line: r.duplicateOf })})`}
            </li>
          ))}
      </ul>
    </div>
  );
}

/** Quick-form counts on the file's days: nothing stored yet, the owner picks one of two. */
function OverlapChoice(props: { m: M; report: ImportReport; values: Record<string, string>; locale: Locale }) {
  const { m } = props;
  const f = formatters(props.locale);
  return (
    <div class="alert warn" role="alert" id="import-overlap">
      <p>
        <strong>{m.import.overlap.title}</strong>
      </p>
      <p>{m.import.overlap.text}</p>
      <ul class="result-list">
        {(props.report.overlaps ?? []).map((o) => (
          <li>
            {fill(m.import.overlap.line, {
              location: o.locationName,
              period:
                o.from === o.day
                  ? f.dayShort(o.day)
                  : fill(m.count.period, { from: f.dayShort(o.from), to: f.dayShort(o.day) }),
              positive: o.positive,
            })}
          </li>
        ))}
      </ul>
      <form method="post" action="/admin/reviews/import" enctype="multipart/form-data">
        <CsrfField />
        <input type="hidden" name="location" value={props.values.location ?? ''} />
        <textarea name="csv" hidden>
          {props.values.csv ?? ''}
        </textarea>
        <p class="actions">
          <button class="btn" type="submit" name="overlap" value="replace">
            {m.import.overlap.replace}
          </button>
          <button class="btn secondary" type="submit" name="overlap" value="keep">
            {m.import.overlap.keep}
          </button>
        </p>
      </form>
    </div>
  );
}

/** The header names each column accepts, from the parser's own list. */
function AcceptedHeaders(props: { m: M; columns: (keyof M['columns'])[] }) {
  const { m } = props;
  return (
    <details class="small" id={`headers-${props.columns[1]}`}>
      <summary>{m.import.headersTitle}</summary>
      <ul class="plain-list">
        {props.columns.map((column) => (
          <li>
            <strong>{m.columns[column]}</strong>: {HEADER_SYNONYMS[column]!.join(', ')}
          </li>
        ))}
      </ul>
      <p class="muted">{m.import.headersHint}</p>
    </details>
  );
}

export function ReviewsPage(props: ReviewsPageProps) {
  const m = messages(props.locale).reviews;
  const f = formatters(props.locale);
  const platformNames: Record<Platform, string> = messages(props.locale).reviewInbox.platforms;
  const failed = props.failed;
  const v = (form: ReviewFormName, key: string, fallback = '') =>
    failed?.form === form ? (failed.values[key] ?? '') : fallback;
  const e = (form: ReviewFormName, key: string) => {
    const code = failed?.form === form ? failed.errors[key] : undefined;
    return code ? fill(m.errors[code as keyof M['errors']] ?? code, { field: columnName(m, key) }) : undefined;
  };
  const defaultLocation = props.locations.length === 1 ? props.locations[0]!.slug : '';
  return (
    <div class="reviews-page">
      <p class="no-print">
        <a href="/admin">{m.back}</a>
      </p>
      <h1>{m.title}</h1>
      <p class="muted">{m.intro}</p>
      {props.notice && (
        <div class="alert ok" role="status">
          {props.notice}
        </div>
      )}
      {props.incoming && <IncomingReviews locale={props.locale} locations={props.locations} {...props.incoming} />}

      <div class="split">
        <section class="panel" id="count">
          <h2>{m.count.title}</h2>
          <p class="small muted">{m.count.hint}</p>
          <form method="post" action="/admin/reviews/count">
            <CsrfField />
            <LocationSelect
              m={m}
              id="count-location"
              value={v('count', 'location', defaultLocation)}
              error={e('count', 'location')}
              locations={props.locations}
            />
            <Field
              id="count-platform"
              label={m.count.platform}
              hint={m.count.platformHint}
              error={e('count', 'platform')}
            >
              <select id="count-platform" name="platform" aria-invalid={e('count', 'platform') ? 'true' : undefined}>
                <option value="">{m.count.platformPrimary}</option>
                {PLATFORMS.map((p) => (
                  <option value={p} selected={v('count', 'platform') === p}>
                    {platformNames[p]}
                  </option>
                ))}
              </select>
            </Field>
            <div class="row">
              <Field id="count-from" label={m.count.from} error={e('count', 'from')}>
                <input
                  id="count-from"
                  type="date"
                  name="from"
                  value={v('count', 'from')}
                  aria-invalid={e('count', 'from') ? 'true' : undefined}
                />
              </Field>
              <Field id="count-date" label={m.count.date} error={e('count', 'date')}>
                <input
                  id="count-date"
                  type="date"
                  name="date"
                  required
                  value={v('count', 'date', props.today)}
                  aria-invalid={e('count', 'date') ? 'true' : undefined}
                />
              </Field>
            </div>
            <Field id="count-positive" label={m.count.positive} error={e('count', 'positive')}>
              <input
                id="count-positive"
                type="number"
                name="positive"
                min="0"
                step="1"
                inputmode="numeric"
                required
                value={v('count', 'positive')}
                aria-invalid={e('count', 'positive') ? 'true' : undefined}
              />
            </Field>
            <div class="row">
              <Field id="count-total" label={m.count.total} error={e('count', 'total')}>
                <input
                  id="count-total"
                  type="number"
                  name="total"
                  min="0"
                  step="1"
                  inputmode="numeric"
                  value={v('count', 'total')}
                  aria-invalid={e('count', 'total') ? 'true' : undefined}
                />
              </Field>
              <Field id="count-rating" label={m.count.averageRating} error={e('count', 'averageRating')}>
                <input
                  id="count-rating"
                  type="text"
                  name="averageRating"
                  inputmode="decimal"
                  value={v('count', 'averageRating')}
                  aria-invalid={e('count', 'averageRating') ? 'true' : undefined}
                />
              </Field>
            </div>
            <p class="actions">
              <button class="btn" type="submit">
                {m.count.submit}
              </button>
            </p>
          </form>
        </section>

        <section class="panel" id="import">
          <h2>{m.import.title}</h2>
          <p class="small muted">{m.import.hint}</p>
          <p class="small">{m.import.example}</p>
          <pre class="small code-sample">
            {
              'дата;оценка;площадка;автор;текст\n01.03.2026;5;Яндекс Карты;Анна;Всё быстро, спасибо!\n02.03.2026;4;2ГИС;;'
            }
          </pre>
          <p class="small">
            <a href="/admin/reviews/sample.csv?kind=reviews" download>
              {m.import.sample}
            </a>
          </p>
          <AcceptedHeaders m={m} columns={['date', 'rating', 'platform', 'author', 'text', 'location']} />
          {failed?.form === 'import' && failed.report?.overlaps && (
            <OverlapChoice m={m} report={failed.report} values={failed.values} locale={props.locale} />
          )}
          {failed?.form === 'import' && failed.report && !failed.report.overlaps && (
            <Report m={m} report={failed.report} />
          )}
          {failed?.form === 'import' && failed.errors.file && (
            <p class="field-error">{m.errors[failed.errors.file as keyof M['errors']]}</p>
          )}
          <form method="post" action="/admin/reviews/import" enctype="multipart/form-data">
            <CsrfField />
            <LocationSelect
              m={m}
              id="import-location"
              value={v('import', 'location', defaultLocation)}
              locations={props.locations}
              hint={m.import.locationHint}
            />
            <Field id="import-file" label={m.import.file}>
              <input id="import-file" type="file" name="file" accept=".csv,text/csv,text/plain" />
            </Field>
            <Field id="import-csv" label={m.import.paste}>
              <textarea id="import-csv" name="csv" rows={4}>
                {v('import', 'csv')}
              </textarea>
            </Field>
            <p class="actions">
              <button class="btn" type="submit">
                {m.import.submit}
              </button>
            </p>
          </form>
        </section>
      </div>

      <section class="panel">
        <h2>{m.count.recent}</h2>
        {props.counts.length === 0 ? (
          <p class="muted">{m.count.none}</p>
        ) : (
          <div class="table-wrap">
            <table id="recent-counts">
              <thead>
                <tr>
                  <th scope="col">{m.orders.date}</th>
                  <th scope="col">{m.location}</th>
                  <th scope="col" class="num">
                    4–5 ★
                  </th>
                  <th scope="col" class="num">
                    Σ
                  </th>
                  <th scope="col" class="num">
                    ★
                  </th>
                  <th scope="col"></th>
                </tr>
              </thead>
              <tbody>
                {props.counts.map((c) => (
                  <tr>
                    <td>
                      {c.from === c.day
                        ? f.dayShort(c.day)
                        : fill(m.count.period, { from: f.dayShort(c.from), to: f.dayShort(c.day) })}
                      <span class="hint">{fill(m.count.by, { who: c.createdBy })}</span>
                    </td>
                    <td data-label={m.location}>
                      {c.locationName}
                      {c.platform && <span class="hint">{platformNames[c.platform as Platform] ?? c.platform}</span>}
                    </td>
                    <td class="num" data-label="4–5 ★">
                      {f.int(c.positive)}
                    </td>
                    <td class="num" data-label="Σ">
                      {c.total === null ? '—' : f.int(c.total)}
                    </td>
                    <td class="num" data-label="★">
                      {c.averageRating === null ? '—' : f.decimal(c.averageRating)}
                    </td>
                    <td>
                      <PostButton
                        action={`/admin/reviews/count/${c.id}/delete`}
                        label={m.count.delete}
                        class="btn danger"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="panel" id="customers">
        <h2>{m.customers.title}</h2>
        <p class="small muted">{m.customers.hint}</p>
        <form method="post" action="/admin/reviews/mode">
          <CsrfField />
          <div class="choices">
            <label>
              <input type="radio" name="mode" value="cardsHandedOut" checked={props.mode === 'cardsHandedOut'} />{' '}
              {m.customers.cards}
            </label>
            <label>
              <input type="radio" name="mode" value="ordersCount" checked={props.mode === 'ordersCount'} />{' '}
              {m.customers.orders}
            </label>
          </div>
          <p class="small muted">{m.customers.ordersHint}</p>
          <p class="actions">
            <button class="btn secondary" type="submit">
              {m.customers.submit}
            </button>
          </p>
        </form>
      </section>

      <div class="split">
        <section class="panel" id="orders">
          <h2>{m.orders.title}</h2>
          <form method="post" action="/admin/reviews/orders">
            <CsrfField />
            <LocationSelect
              m={m}
              id="orders-location"
              value={v('orders', 'location', defaultLocation)}
              error={e('orders', 'location')}
              locations={props.locations}
            />
            <div class="row">
              <Field id="orders-date" label={m.orders.date} error={e('orders', 'date')}>
                <input
                  id="orders-date"
                  type="date"
                  name="date"
                  required
                  value={v('orders', 'date', props.today)}
                  aria-invalid={e('orders', 'date') ? 'true' : undefined}
                />
              </Field>
              <Field id="orders-count" label={m.orders.count} error={e('orders', 'count')}>
                <input
                  id="orders-count"
                  type="number"
                  name="count"
                  min="0"
                  step="1"
                  inputmode="numeric"
                  required
                  value={v('orders', 'count')}
                  aria-invalid={e('orders', 'count') ? 'true' : undefined}
                />
              </Field>
            </div>
            <p class="actions">
              <button class="btn" type="submit">
                {m.orders.submit}
              </button>
            </p>
          </form>
          <h3>{m.orders.recent}</h3>
          {props.orders.length === 0 ? (
            <p class="muted small">{m.orders.none}</p>
          ) : (
            <ul class="plain-list small" id="recent-orders">
              {props.orders.map((o) => (
                <li>
                  {f.dayShort(o.day)} · {o.locationName}: <strong>{f.int(o.count)}</strong>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="panel" id="orders-import">
          <h2>{m.orders.importTitle}</h2>
          <p class="small muted">{m.orders.importHint}</p>
          <pre class="small code-sample">{'дата;заказы\n01.03.2026;48\n02.03.2026;52'}</pre>
          <p class="small">
            <a href="/admin/reviews/sample.csv?kind=orders" download>
              {m.import.sample}
            </a>
          </p>
          <AcceptedHeaders m={m} columns={['date', 'count', 'location']} />
          {failed?.form === 'ordersImport' && failed.report && <Report m={m} report={failed.report} />}
          {failed?.form === 'ordersImport' && failed.errors.file && (
            <p class="field-error">{m.errors[failed.errors.file as keyof M['errors']]}</p>
          )}
          <form method="post" action="/admin/reviews/orders/import" enctype="multipart/form-data">
            <CsrfField />
            <LocationSelect
              m={m}
              id="orders-import-location"
              value={v('ordersImport', 'location', defaultLocation)}
              locations={props.locations}
              hint={m.import.locationHint}
            />
            <Field id="orders-file" label={m.import.file}>
              <input id="orders-file" type="file" name="file" accept=".csv,text/csv,text/plain" />
            </Field>
            <Field id="orders-csv" label={m.import.paste}>
              <textarea id="orders-csv" name="csv" rows={4}>
                {v('ordersImport', 'csv')}
              </textarea>
            </Field>
            <p class="actions">
              <button class="btn" type="submit">
                {m.orders.importSubmit}
              </button>
            </p>
          </form>
        </section>
      </div>
    </div>
  );
}
