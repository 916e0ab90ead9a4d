import type { Batch, Card } from '../domain/batches';
import type { LocationWithLinks } from '../domain/locations';
import { fill, type Locale, type Messages } from '../i18n';
import type { TemplateInfo } from '../pdf/templates';
import { raw } from 'hono/html';
import { CARD_FORMATS } from '../domain/postcard-layout';
import type { FitProblem } from '../pdf/render';
import { CsrfField, Field } from './layout';
import { BatchCards, BatchScans, VoidForms, type BatchScansView } from './batch-voiding';
import { formatDayRange, formatMoment, formatShortMoment } from './format';
import { useT } from './request';

export interface PrintFormValues {
  location: string;
  template: string;
  format: string;
  count: string;
  orders: string;
  /** The hand-out window; empty for the location's usual days from today. */
  handOutFrom: string;
  handOutTo: string;
}

export type PrintFieldError =
  | 'location'
  | 'template'
  | 'format'
  | 'count'
  | 'orders'
  | 'noLink'
  | 'cut'
  | 'handOut'
  | 'handOutRange'
  | 'orderDate'
  | 'ordersTooMany'
  | 'orderTooLong';

/** Figures an error message names: how many refs, on which line. */
export type PrintErrorDetails = Partial<Record<keyof PrintFormValues, Record<string, string | number>>>;

/** The sample card for the current choice, drawn from the layout model as SVG, and what would print cut. */
export interface PrintPreview {
  front: string;
  back: string | null;
  problems: FitProblem[];
  pdfHref: string;
}

/** A format's short name from the catalogue ("A4 × 4", "лента 80 мм"); an unknown one as stored. */
const formatLabel = (m: Messages['admin']['print'], format: string) =>
  (m.formatShort as Record<string, string>)[format] ?? format;

/** A design's name in the page's language; an unknown (removed) design as stored. */
const templateLabel = (templates: TemplateInfo[], locale: Locale, id: string) =>
  templates.find((t) => t.id === id)?.name[locale] ?? id;

/** Who printed: a person's e-mail as it is, an API token as "API: <token name>". */
const printedBy = (createdBy: string) => (createdBy.startsWith('api:') ? `API: ${createdBy.slice(4)}` : createdBy);

export function PrintPage(props: {
  locale: Locale;
  locations: LocationWithLinks[];
  templates: TemplateInfo[];
  values: PrintFormValues;
  errors: Partial<Record<keyof PrintFormValues, PrintFieldError>>;
  errorDetails?: PrintErrorDetails;
  batches: Batch[];
  /** Printing cannot work here (no PUBLIC_ORIGIN in production): said before anyone fills the form. */
  unavailable?: boolean;
  preview?: PrintPreview | null;
}) {
  const t = useT();
  const m = t.admin.print;
  const { values, errors } = props;
  const err = (key: keyof PrintFormValues) =>
    errors[key] ? fill(m.errors[errors[key]!], props.errorDetails?.[key] ?? {}) : undefined;
  const usable = props.locations.filter((l) => l.archivedAt === null);
  const only = usable.length === 1 ? usable[0]! : null;
  return (
    <>
      <h1>{m.title}</h1>
      <p class="muted">{m.intro}</p>
      {props.unavailable && (
        <div class="alert error" role="alert">
          {m.noPublicOrigin}
        </div>
      )}
      {usable.length === 0 ? (
        <div class="panel">
          {m.noLocations} <a href="/admin/locations/new">{t.admin.locations.add}</a>
        </div>
      ) : (
        <form method="post" action="/admin/print" class="panel" novalidate>
          <CsrfField />
          <div class="row">
            {only ? (
              // One location: nothing to choose, the form says which it prints for.
              <div id="location-only">
                <p class="label-like">{m.location}</p>
                <p>
                  <strong>{only.name}</strong>
                </p>
                <input type="hidden" name="location" value={only.slug} />
                {err('location') && <p class="field-error">{err('location')}</p>}
              </div>
            ) : (
              <Field id="location" label={m.location} error={err('location')}>
                <select id="location" name="location" aria-invalid={errors.location ? 'true' : undefined}>
                  {usable.map((l) => (
                    <option value={l.slug} selected={values.location === l.slug}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            <Field id="count" label={m.count} hint={m.countHint} error={err('count')}>
              <input
                id="count"
                name="count"
                type="number"
                min={1}
                max={1000}
                inputmode="numeric"
                value={values.count}
                aria-invalid={errors.count ? 'true' : undefined}
              />
            </Field>
          </div>
          <fieldset class="choices">
            <legend>{m.template}</legend>
            {props.templates.map((tpl) => (
              <label>
                <input type="radio" name="template" value={tpl.id} checked={values.template === tpl.id} />
                <span>
                  <strong>{tpl.name[props.locale]}</strong>{' '}
                  <span class="muted small">— {tpl.description[props.locale]}</span>
                </span>
              </label>
            ))}
            {errors.template && <p class="field-error">{err('template')}</p>}
          </fieldset>
          <fieldset class="choices">
            <legend>{m.format}</legend>
            {CARD_FORMATS.map((f) => (
              <label>
                <input
                  type="radio"
                  name="format"
                  value={f}
                  checked={
                    (CARD_FORMATS as readonly string[]).includes(values.format) ? values.format === f : f === 'a4-4up'
                  }
                />{' '}
                {m.formats[f]}
              </label>
            ))}
            {errors.format && <p class="field-error">{err('format')}</p>}
            <p class="hint">{m.printScale}</p>
          </fieldset>
          <fieldset>
            <legend>{m.handOut}</legend>
            <p class="hint">{m.handOutHint}</p>
            <div class="row">
              <Field id="handOutFrom" label={m.handOutFrom} error={err('handOutFrom')}>
                <input
                  id="handOutFrom"
                  name="handOutFrom"
                  type="date"
                  value={values.handOutFrom}
                  aria-invalid={errors.handOutFrom ? 'true' : undefined}
                />
              </Field>
              <Field id="handOutTo" label={m.handOutTo} error={err('handOutTo')}>
                <input
                  id="handOutTo"
                  name="handOutTo"
                  type="date"
                  value={values.handOutTo}
                  aria-invalid={errors.handOutTo ? 'true' : undefined}
                />
              </Field>
            </div>
          </fieldset>
          {props.preview && <PreviewBlock preview={props.preview} />}
          <Field id="orders" label={m.orders} hint={m.ordersHint} error={err('orders')}>
            <textarea id="orders" name="orders" rows={4} aria-invalid={errors.orders ? 'true' : undefined}>
              {values.orders}
            </textarea>
          </Field>
          <div class="actions">
            <button class="btn" type="submit">
              {m.submit}
            </button>
          </div>
        </form>
      )}
      <BatchTable locale={props.locale} batches={props.batches} templates={props.templates} />
      <script src="/admin/print/preview.js" defer></script>
    </>
  );
}

/** The sample card; /admin/print/preview answers this block alone, for the page's script to swap in. */
export function PreviewBlock(props: { preview: PrintPreview }) {
  const t = useT();
  const m = t.admin.print;
  const { preview } = props;
  return (
    <section id="print-preview" class="preview" aria-live="polite">
      <h2>{m.preview}</h2>
      {preview.problems.length > 0 && (
        <div class="alert error" role="alert">
          {preview.problems.map((p) => (
            <p>{fill(m.fitCut, { field: m.fitFields[p.field], kept: p.kept, total: p.total })}</p>
          ))}
        </div>
      )}
      <div class="preview-cards">
        <figure>{raw(preview.front)}</figure>
        {preview.back && (
          <figure>
            {raw(preview.back)}
            <figcaption class="muted small">{m.previewBack}</figcaption>
          </figure>
        )}
      </div>
      <p class="muted small">
        {m.previewNote} <a href={preview.pdfHref}>{m.previewPdf}</a>
      </p>
    </section>
  );
}

function BatchTable(props: { locale: Locale; batches: Batch[]; templates: TemplateInfo[] }) {
  const t = useT();
  const m = t.admin.print;
  if (props.batches.length === 0) return null;
  const c = m.columns;
  return (
    <>
      <h2>{m.recent}</h2>
      <div class="table-wrap">
        <table class="stack" id="print-history">
          <thead>
            <tr>
              <th>{c.when}</th>
              <th>{c.location}</th>
              <th class="num">{c.count}</th>
              <th>{c.template}</th>
              <th>{c.who}</th>
              <th>{c.pdf}</th>
            </tr>
          </thead>
          <tbody>
            {props.batches.map((b) => (
              <tr>
                <td class="nowrap" data-label={c.when}>
                  <a href={`/admin/print/batches/${b.id}`}>
                    {formatShortMoment(b.createdAt, props.locale, b.locationTimeZone)}
                  </a>
                </td>
                <td data-label={c.location}>
                  {b.locationName} {b.voidedAt !== null && <span class="badge bad">{m.voided}</span>}
                </td>
                <td class="num" data-label={c.count}>
                  {b.cardCount}
                </td>
                <td data-label={c.template}>
                  {templateLabel(props.templates, props.locale, b.template)} · {formatLabel(m, b.format)}
                </td>
                <td class="small break" data-label={c.who}>
                  {printedBy(b.createdBy)}
                </td>
                <td data-label={c.pdf}>
                  <a class="pdf-link" href={`/admin/print/batches/${b.id}/pdf`}>
                    PDF
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function BatchPage(props: {
  locale: Locale;
  batch: Batch;
  cards: Card[];
  justCreated: boolean;
  justHandedOut: boolean;
  /** The location's today: "all handed out" is offered while the window runs past it. */
  today: string;
  scans: BatchScansView;
  templates: TemplateInfo[];
}) {
  const t = useT();
  const m = t.admin.print;
  const { batch } = props;
  const canEnd = !batch.forOrders && batch.voidedAt === null && batch.handOut.to > props.today;
  return (
    <>
      <h1>{fill(m.batchTitle, { id: batch.id })}</h1>
      {props.justCreated && (
        <div class="alert ok" role="status">
          {fill(m.created, { count: batch.cardCount })}
        </div>
      )}
      {props.justHandedOut && (
        <div class="alert ok" role="status">
          {fill(m.handedOutDone, { window: formatDayRange(batch.handOut.from, batch.handOut.to, props.locale) })}
        </div>
      )}
      <div class="panel">
        <p>
          <strong>{batch.locationName}</strong> · {batch.cardCount} ·{' '}
          {templateLabel(props.templates, props.locale, batch.template)} · {formatLabel(m, batch.format)}
        </p>
        <p class="muted small">
          {formatMoment(batch.createdAt, props.locale, batch.locationTimeZone)} · {printedBy(batch.createdBy)}
        </p>
        <p>
          {batch.forOrders
            ? m.servedByOrders
            : fill(batch.handOutEndedAt === null ? m.servedOver : m.servedEnded, {
                window: formatDayRange(batch.handOut.from, batch.handOut.to, props.locale),
              })}
        </p>
        <div class="actions">
          <a class="btn" href={`/admin/print/batches/${batch.id}/pdf`} download>
            {m.download}
          </a>
          <a class="btn secondary" href="/admin/print">
            {t.common.back}
          </a>
        </div>
        {canEnd && (
          <form method="post" action={`/admin/print/batches/${batch.id}/handed-out`} class="inline-form">
            <CsrfField />
            <button class="btn secondary" type="submit">
              {m.handedOut}
            </button>
            <span class="hint">{m.handedOutHint}</span>
          </form>
        )}
      </div>
      <BatchScans locale={props.locale} cardCount={batch.cardCount} view={props.scans} />
      <h2>{m.cardsTitle}</h2>
      <BatchCards locale={props.locale} cards={props.cards} view={props.scans} />
      <VoidForms locale={props.locale} batchId={batch.id} view={props.scans} />
    </>
  );
}
