import type { Card } from '../domain/batches';
import type { VoidedCard, VoidRecord } from '../domain/cards';
import type { KindCounts, ScanCounts } from '../domain/scans';
import { fill, type Locale, type Messages, messages } from '../i18n';
import { CsrfField, Field } from './layout';
import { formatMoment } from './format';
import { useT } from './request';

/** The batch page's figures and voiding state, as plain data. */
export interface BatchScansView {
  /** The batch's location's zone, for the times shown. */
  timeZone: string;
  counts: ScanCounts;
  batchVoid: VoidRecord | null;
  voidedCards: VoidedCard[];
  humanScans: Map<string, { review: number; complaint: number }>;
  /** Scans that could not be stored lately (deployment-wide). */
  failures: number;
  /** What the last submit voided, for the confirmation: a number of cards, or the batch. */
  justVoided: number | 'batch' | null;
  form: VoidFormValues;
  errors: VoidFormErrors;
}

export interface VoidFormValues {
  codes: string;
  reason: string;
  selected: string[];
  batchReason: string;
}

export interface VoidFormErrors {
  codes?: string;
  reason?: string;
  batchReason?: string;
}

function KindPanel(props: { title: string; counts: KindCounts; s: Messages['scans']['batch'] }) {
  const { counts, s } = props;
  return (
    <div class="panel stat-card">
      <h3>{props.title}</h3>
      <p class="kpi">{counts.human}</p>
      <p class="muted small">{s.human}</p>
      <dl class="stat-list">
        <div>
          <dt>{s.uniqueCards}</dt>
          <dd>{counts.uniqueCards}</dd>
        </div>
        <div>
          <dt>{s.all}</dt>
          <dd>{counts.all}</dd>
        </div>
      </dl>
    </div>
  );
}

/** Alerts and scan figures, shown above the card list. */
export function BatchScans(props: { locale: Locale; cardCount: number; view: BatchScansView }) {
  const s = messages(props.locale).scans.batch;
  const { view } = props;
  const onVoided = view.counts.review.onVoidedCards + view.counts.complaint.onVoidedCards;
  const live = props.cardCount - view.voidedCards.length;
  return (
    <>
      {view.justVoided !== null && (
        <div class="alert ok" role="status">
          {view.justVoided === 'batch' ? s.batchVoidedNow : fill(s.voidedCards, { count: view.justVoided })}
        </div>
      )}
      {view.batchVoid && (
        <div class="alert error">
          {fill(s.voidedBatch, {
            when: formatMoment(view.batchVoid.voidedAt, props.locale, view.timeZone),
            reason: view.batchVoid.reason,
            who: view.batchVoid.voidedBy,
          })}
        </div>
      )}
      {view.failures > 0 && <div class="alert error">{fill(s.failures, { count: view.failures })}</div>}
      <h2>{s.scansTitle}</h2>
      <div class="stat-grid">
        <KindPanel title={s.review} counts={view.counts.review} s={s} />
        <KindPanel title={s.complaint} counts={view.counts.complaint} s={s} />
      </div>
      <p class="small">
        {fill(s.live, { live, total: props.cardCount })}
        {onVoided > 0 && <> · {fill(s.onVoided, { count: onVoided })}</>}
      </p>
      <p class="muted small">{s.scansIntro}</p>
    </>
  );
}

/** The card list with each card's status and scans; a checkbox per live card feeds the void form. */
export function BatchCards(props: { locale: Locale; cards: Card[]; view: BatchScansView }) {
  const t = useT();
  const m = t.admin.print;
  const s = messages(props.locale).scans.batch;
  const voided = new Map(props.view.voidedCards.map((card) => [card.code, card]));
  const selectable = props.view.batchVoid === null;
  // Most batches are printed by count, without order numbers: no empty column then.
  const hasOrders = props.cards.some((card) => card.orderRef !== null);
  // Without order numbers the list fits a phone as a table; with them each card becomes a stacked row.
  return (
    <div class={hasOrders ? 'table-wrap' : 'table-wrap fits'}>
      <table>
        <thead>
          <tr>
            {selectable && (
              <th>
                <span class="sr-only">{s.select}</span>
              </th>
            )}
            <th class="num hide-phone">#</th>
            <th>{m.code}</th>
            {hasOrders && <th>{m.order}</th>}
            <th>{s.status}</th>
            <th class="num">{s.scans}</th>
          </tr>
        </thead>
        <tbody>
          {props.cards.map((card) => {
            const record = voided.get(card.code);
            const scans = props.view.humanScans.get(card.code);
            return (
              <tr class={record ? 'voided' : undefined}>
                {selectable && (
                  <td>
                    {!record && (
                      <input
                        type="checkbox"
                        name="code"
                        value={card.code}
                        form="void-cards"
                        aria-label={`${s.select} ${card.code}`}
                        checked={props.view.form.selected.includes(card.code)}
                      />
                    )}
                  </td>
                )}
                <td class="num hide-phone">{card.position}</td>
                <td data-label={m.code}>
                  <code>{card.code}</code>
                </td>
                {hasOrders && <td data-label={m.order}>{card.orderRef ?? ''}</td>}
                <td data-label={s.status}>
                  {record ? (
                    <>
                      <span class="badge bad">{s.voided}</span>
                      {!record.byBatch && (
                        <div class="muted small">
                          {record.reason} · {record.voidedBy} ·{' '}
                          {formatMoment(record.voidedAt, props.locale, props.view.timeZone)}
                        </div>
                      )}
                    </>
                  ) : (
                    <span class="badge good">{s.active}</span>
                  )}
                </td>
                <td class="num" data-label={s.scans}>
                  {scans ? `${scans.review} / ${scans.complaint}` : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Void single cards, then the whole batch; both keep who, when and why. */
export function VoidForms(props: { locale: Locale; batchId: string; view: BatchScansView }) {
  const s = messages(props.locale).scans.batch;
  const { form, errors } = props.view;
  if (props.view.batchVoid) return null;
  return (
    <>
      <datalist id="void-reasons">
        {s.reasonSuggestions.map((reason) => (
          <option value={reason} />
        ))}
      </datalist>
      <form
        id="void-cards"
        method="post"
        action={`/admin/print/batches/${props.batchId}/void-cards`}
        class="panel void-panel"
        novalidate
      >
        <h2>{s.voidCardsTitle}</h2>
        <p class="muted small">{s.voidCardsHint}</p>
        <CsrfField />
        <div class="void-fields">
          <Field id="codes" label={s.codes} hint={s.codesHint} error={errors.codes}>
            <textarea id="codes" name="codes" rows={2} aria-invalid={errors.codes ? 'true' : undefined}>
              {form.codes}
            </textarea>
          </Field>
          <Field id="reason" label={s.reason} hint={s.reasonHint} error={errors.reason}>
            <input
              id="reason"
              name="reason"
              type="text"
              list="void-reasons"
              maxlength={200}
              value={form.reason}
              aria-invalid={errors.reason ? 'true' : undefined}
            />
          </Field>
        </div>
        <div class="actions">
          <button class="btn danger" type="submit">
            {s.voidCardsSubmit}
          </button>
        </div>
      </form>
      <form method="post" action={`/admin/print/batches/${props.batchId}/void`} class="panel void-panel" novalidate>
        <h2>{s.voidBatchTitle}</h2>
        <p class="muted small">{s.voidBatchHint}</p>
        <CsrfField />
        <Field id="batch-reason" label={s.reason} error={errors.batchReason}>
          <input
            id="batch-reason"
            name="reason"
            type="text"
            list="void-reasons"
            maxlength={200}
            value={form.batchReason}
            aria-invalid={errors.batchReason ? 'true' : undefined}
          />
        </Field>
        <div class="actions">
          <button class="btn danger" type="submit">
            {s.voidBatchSubmit}
          </button>
        </div>
      </form>
    </>
  );
}
