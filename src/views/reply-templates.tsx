import { MAX_REPLY_TEMPLATES, REPLY_CHARS, type ReplyTemplate } from '../domain/complaint-reply';
import { fill, type Locale, messages } from '../i18n';
import { CsrfField } from './layout';

export interface TemplateFormState {
  /** the template whose form failed, or 'new' */
  target: number | 'new';
  text: string;
  error: string;
}

/** /admin/locations/:id/replies: a location's reply templates, each editable, plus one to add. */
export function ReplyTemplatesPage(props: {
  locale: Locale;
  location: { id: number; name: string };
  templates: ReplyTemplate[];
  saved: boolean;
  failed?: TemplateFormState;
}) {
  const m = messages(props.locale).replies.templates;
  const base = `/admin/locations/${props.location.id}/replies`;
  const { failed } = props;
  const full = props.templates.length >= MAX_REPLY_TEMPLATES;
  return (
    <>
      <p class="small">
        <a href={`/admin/locations/${props.location.id}`}>← {m.back}</a>
      </p>
      <h1>{fill(m.title, { name: props.location.name })}</h1>
      <p class="muted">{fill(m.intro, { max: MAX_REPLY_TEMPLATES })}</p>
      {props.saved && (
        <div class="alert ok" role="status">
          {m.saved}
        </div>
      )}
      {failed && (
        <div class="alert error" role="alert">
          {failed.error}
        </div>
      )}
      {props.templates.length === 0 && <p class="muted">{m.empty}</p>}
      <ol class="reason-list">
        {props.templates.map((t) => {
          const mine = failed?.target === t.id;
          return (
            <li class="panel">
              <form method="post" action={`${base}/${t.id}`}>
                <CsrfField />
                <label class="sr-only" for={`template-${t.id}`}>
                  {m.text}
                </label>
                <textarea
                  id={`template-${t.id}`}
                  name="text"
                  rows={3}
                  maxlength={REPLY_CHARS * 2}
                  aria-invalid={mine ? 'true' : undefined}
                >
                  {mine ? failed.text : t.text}
                </textarea>
                <div class="actions">
                  <button class="btn secondary" type="submit">
                    {m.save}
                  </button>
                  <button class="btn danger" type="submit" formaction={`${base}/${t.id}/delete`}>
                    {m.delete}
                  </button>
                </div>
              </form>
            </li>
          );
        })}
      </ol>
      {full ? (
        <p class="muted">{fill(m.full, { max: MAX_REPLY_TEMPLATES })}</p>
      ) : (
        <form method="post" action={base} class="panel">
          <CsrfField />
          <label for="template-new">{m.text}</label>
          <textarea
            id="template-new"
            name="text"
            rows={3}
            maxlength={REPLY_CHARS * 2}
            aria-invalid={failed?.target === 'new' ? 'true' : undefined}
          >
            {failed?.target === 'new' ? failed.text : ''}
          </textarea>
          <button class="btn" type="submit">
            {m.add}
          </button>
        </form>
      )}
    </>
  );
}
