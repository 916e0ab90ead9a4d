import type { Reason } from '../domain/reasons';
import { fill, type ReasonCopyMessages } from '../i18n';
import { CsrfField } from './layout';
import { reasonLabelFor } from '../domain/complaints';
import { useT } from './request';

export interface ReasonFormState {
  /** the reason whose form failed, or 'new' */
  target: number | 'new';
  label: string;
  labelEn: string;
  error: string;
}

export function ReasonLocationsPage(props: { locations: { id: number; name: string }[] }) {
  const t = useT().complaintsAdmin;
  const r = t.reasons;
  return (
    <>
      <h1>{r.title}</h1>
      <p class="muted">{r.intro}</p>
      <h2>{r.pickLocation}</h2>
      <ul class="plain-list">
        {props.locations.map((l) => (
          <li>
            <a href={`/admin/reasons/${l.id}`}>{l.name}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ReasonsPage(props: {
  location: { id: number; name: string };
  rc: ReasonCopyMessages;
  reasons: Reason[];
  saved: boolean;
  notice?: string;
  failed?: ReasonFormState;
  /** owners copy to the other active locations (how many there are) */
  copy: { others: number; error?: string } | null;
}) {
  const t = useT().complaintsAdmin;
  const { rc, location, reasons, failed } = props;
  const r = t.reasons;
  const base = `/admin/reasons/${location.id}`;
  const active = reasons.filter((x) => x.archivedAt === null);
  const archived = reasons.filter((x) => x.archivedAt !== null);
  const button = (path: string, label: string, cls = 'btn secondary', icon?: string) => (
    <form method="post" action={`${base}/${path}`} class="inline-form">
      <CsrfField />
      <button class={cls} type="submit" title={icon ? label : undefined}>
        {icon ? (
          <>
            <span aria-hidden="true">{icon}</span>
            <span class="sr-only">{label}</span>
          </>
        ) : (
          label
        )}
      </button>
    </form>
  );
  return (
    <>
      <p class="small">
        <a href="/admin/reasons">← {r.title}</a>
      </p>
      <h1>{fill(r.forLocation, { name: location.name })}</h1>
      <p class="muted">{r.intro}</p>
      <p class="muted small">{r.catchAllHint}</p>
      {props.saved && (
        <div class="alert ok" role="status">
          {r.saved}
        </div>
      )}
      {props.notice && (
        <div class="alert ok" role="status">
          {props.notice}
        </div>
      )}
      {failed && (
        <div class="alert error" role="alert">
          {failed.error}
        </div>
      )}
      <ol class="reason-list">
        {active.map((reason, index) => {
          const mine = failed?.target === reason.id;
          return (
            <li class="panel">
              <form method="post" action={`${base}/${reason.id}/rename`} class="reason-edit reason-edit-two">
                <CsrfField />
                <label class="sr-only" for={`label-${reason.id}`}>
                  {r.label}
                </label>
                <input
                  id={`label-${reason.id}`}
                  name="label"
                  type="text"
                  maxlength={120}
                  value={mine ? failed.label : reason.label}
                  aria-invalid={mine ? 'true' : undefined}
                />
                <label class="sr-only" for={`label-en-${reason.id}`}>
                  {rc.labelEn}
                </label>
                <input
                  id={`label-en-${reason.id}`}
                  name="labelEn"
                  type="text"
                  maxlength={120}
                  lang="en"
                  placeholder={
                    reasonLabelFor(reason.label, 'en') !== reason.label
                      ? reasonLabelFor(reason.label, 'en')
                      : rc.labelEn
                  }
                  value={mine ? failed.labelEn : (reason.labelEn ?? '')}
                />
                <button class="btn secondary" type="submit">
                  {r.rename}
                </button>
              </form>
              <div class="actions">
                <span class="muted small">{fill(r.complaints, { count: reason.complaints })}</span>
                {reason.catchAll && (
                  <span class="badge" data-catch-all={reason.id} title={r.catchAllHint}>
                    {r.catchAll}
                  </span>
                )}
                <form method="post" action={`${base}/${reason.id}/catch-all`} class="inline-form">
                  <CsrfField />
                  <input type="hidden" name="catchAll" value={reason.catchAll ? '0' : '1'} />
                  <button class="btn secondary" type="submit" title={r.catchAllHint}>
                    {reason.catchAll ? r.unmarkCatchAll : r.markCatchAll}
                  </button>
                </form>
                {index > 0 && button(`${reason.id}/move?direction=up`, r.up, 'btn secondary', '↑')}
                {index < active.length - 1 && button(`${reason.id}/move?direction=down`, r.down, 'btn secondary', '↓')}
                {reason.complaints > 0
                  ? button(`${reason.id}/archive`, r.archive, 'btn danger')
                  : button(`${reason.id}/delete`, r.delete, 'btn danger')}
              </div>
            </li>
          );
        })}
      </ol>
      <form method="post" action={`${base}/add`} class="panel">
        <CsrfField />
        <label for="new-label">{r.newLabel}</label>
        <div class="reason-edit reason-edit-two">
          <input
            id="new-label"
            name="label"
            type="text"
            maxlength={120}
            value={failed?.target === 'new' ? failed.label : ''}
            aria-invalid={failed?.target === 'new' ? 'true' : undefined}
          />
          <label class="sr-only" for="new-label-en">
            {rc.labelEn}
          </label>
          <input
            id="new-label-en"
            name="labelEn"
            type="text"
            maxlength={120}
            lang="en"
            placeholder={rc.labelEn}
            value={failed?.target === 'new' ? failed.labelEn : ''}
          />
          <button class="btn" type="submit">
            {r.add}
          </button>
        </div>
        <p class="hint">{rc.labelEnHint}</p>
      </form>
      {props.copy && props.copy.others > 0 && (
        <CopyToAll rc={rc} action={`${base}/copy`} others={props.copy.others} error={props.copy.error} />
      )}
      {props.copy && props.copy.others === 0 && props.copy.error && (
        <div class="alert error" role="alert">
          {props.copy.error}
        </div>
      )}
      {archived.length > 0 && (
        <>
          <h2>{r.archived}</h2>
          <ul class="plain-list">
            {archived.map((reason) => (
              <li class="archived-reason">
                <span>
                  {reason.label} <span class="muted small">· {fill(r.complaints, { count: reason.complaints })}</span>
                </span>
                {button(`${reason.id}/restore`, r.restore)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Copy this location's reasons to the others: the owner picks replace or merge and confirms. */
function CopyToAll(props: { rc: ReasonCopyMessages; action: string; others: number; error?: string }) {
  const { rc } = props;
  return (
    <form method="post" action={props.action} class="panel" id="copy">
      <CsrfField />
      <h2 class="panel-title">{rc.copyTitle}</h2>
      <p class="muted small">{fill(rc.copyIntro, { count: props.others })}</p>
      {props.error && (
        <div class="alert error" role="alert">
          {props.error}
        </div>
      )}
      <div class="choices">
        <label>
          <input type="radio" name="mode" value="replace" />{' '}
          <span>
            <strong>{rc.replace}</strong>
            <span class="hint">{rc.replaceHint}</span>
          </span>
        </label>
        <label>
          <input type="radio" name="mode" value="merge" />{' '}
          <span>
            <strong>{rc.merge}</strong>
            <span class="hint">{rc.mergeHint}</span>
          </span>
        </label>
      </div>
      <label class="inline-check">
        <input type="checkbox" name="confirm" value="1" /> {fill(rc.confirm, { count: props.others })}
      </label>
      <div class="actions">
        <button class="btn" type="submit">
          {rc.submit}
        </button>
      </div>
    </form>
  );
}
