import { REPLY_CHARS } from '../domain/complaint-reply';
import { fill, type Locale, messages, type Messages } from '../i18n';
import { formatMoment } from './format';
import { CsrfField } from './layout';

type ReplyT = Messages['replies'];

export interface ReplyFormState {
  /** what the reply box holds: the typed text, a template's, or the current reply */
  value: string;
  error?: string;
}

/**
 * The public reply on a complaint's page: the current reply as the customer sees it, the box to
 * write or replace it (templates fill it with one tap: a link that works without script, made
 * instant by /admin/complaints/reply.js), and a plain warning that the reply is public.
 */
export function ReplyPanel(props: {
  locale: Locale;
  complaint: {
    id: string;
    reply: string | null;
    repliedAt: number | null;
    locationId: number;
    locationTimeZone: string;
  };
  templates: { id: number; text: string }[];
  form: ReplyFormState;
}) {
  const r: ReplyT['admin'] = messages(props.locale).replies.admin;
  const c = props.complaint;
  const action = `/admin/complaints/${c.id}/reply`;
  return (
    <section class="panel" id="reply" aria-labelledby="reply-heading">
      <h2 id="reply-heading">{r.heading}</h2>
      <div class="alert warn" data-testid="reply-warning">
        {r.publicWarning}
      </div>
      {c.reply !== null && c.repliedAt !== null ? (
        <>
          <p class="muted small">
            {fill(r.current, { date: formatMoment(c.repliedAt, props.locale, c.locationTimeZone) })}
          </p>
          <blockquote class="reply-quote prewrap" data-testid="current-reply">
            {c.reply}
          </blockquote>
        </>
      ) : (
        <p class="muted small">{r.none}</p>
      )}
      <div class="reply-templates">
        <p class="small">
          <strong>{r.templates}</strong> · <a href={`/admin/locations/${c.locationId}/replies`}>{r.editTemplates}</a>
        </p>
        {props.templates.length === 0 ? (
          <p class="muted small">{r.noTemplates}</p>
        ) : (
          <>
            <p class="muted small">{r.templatesHint}</p>
            <ul class="template-list">
              {props.templates.map((t) => (
                <li>
                  <a class="template-fill" href={`/admin/complaints/${c.id}?template=${t.id}#reply`} data-text={t.text}>
                    {t.text}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <form method="post" action={action}>
        <CsrfField />
        <label for="reply-text">
          {r.label}
          <span class="hint" id="reply-hint">
            {fill(r.hint, { count: REPLY_CHARS })}
          </span>
        </label>
        <textarea
          id="reply-text"
          name="reply"
          rows={4}
          maxlength={REPLY_CHARS * 2}
          aria-describedby={props.form.error ? 'reply-hint reply-error' : 'reply-hint'}
          aria-invalid={props.form.error ? 'true' : undefined}
        >
          {props.form.value}
        </textarea>
        {props.form.error && (
          <p class="field-error" id="reply-error">
            {props.form.error}
          </p>
        )}
        <div class="inline-forms">
          <button class="btn" type="submit">
            {c.reply === null ? r.publish : r.update}
          </button>
          {c.reply !== null && (
            <button class="btn danger" type="submit" name="remove" value="1">
              {r.remove}
            </button>
          )}
        </div>
      </form>
      <script src="/admin/complaints/reply.js" defer></script>
    </section>
  );
}

/** Makes the template links fill the reply box at once, without reloading the page. */
export const REPLY_FILL_SCRIPT = `(() => {
  const box = document.getElementById('reply-text');
  if (!box) return;
  for (const link of document.querySelectorAll('a.template-fill')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      box.value = link.getAttribute('data-text') || '';
      box.focus();
    });
  }
})();
`;

/** A timeline entry's label for the reply's changes, or undefined for other kinds. */
export function replyEventLabel(locale: Locale, kind: string): string | undefined {
  return (messages(locale).replies.admin.events as Record<string, string>)[kind];
}
