import type { MaxSettingsInput } from '../domain/max-settings';
import { fill } from '../i18n';
import { QrSvg } from './complaint-settings';
import { CsrfField, Field, PostButton } from './layout';
import { useT } from './request';

export type MaxSettingsErrors = Partial<Record<keyof MaxSettingsInput, string>>;

export function maxConnectLink(bot: string, code: string): string {
  return `https://max.ru/${bot}?start=${code}`;
}

/** The MAX part of the complaint settings page: token, chats, API address, connect link, test message. */
export function MaxSettingsPanel(props: {
  values: MaxSettingsInput;
  errors: MaxSettingsErrors;
  tokenSaved: boolean;
  /** the bot's username and the current one-time code (empty: none made yet) */
  connect: { bot: string; code: string } | null;
}) {
  const t = useT().messengers.max;
  const { values, errors } = props;
  const invalid = (key: keyof MaxSettingsInput) => (errors[key] ? 'true' : undefined);
  const link = props.connect?.code ? maxConnectLink(props.connect.bot, props.connect.code) : null;
  return (
    <section id="max">
      <form method="post" action="/admin/settings/complaints/max" class="panel">
        <CsrfField />
        <h2 class="panel-title">{t.title}</h2>
        <p class="muted small">{t.intro}</p>
        <div class="row">
          <Field
            id="maxBotToken"
            label={t.token}
            hint={props.tokenSaved ? `${t.tokenSet} ${t.tokenHint}` : t.tokenHint}
            error={errors.maxBotToken}
          >
            <input
              id="maxBotToken"
              name="maxBotToken"
              type="password"
              autocomplete="off"
              maxlength={200}
              value={values.maxBotToken}
              aria-invalid={invalid('maxBotToken')}
            />
          </Field>
          <Field id="maxChatId" label={t.chat} hint={t.chatHint} error={errors.maxChatId}>
            <input
              id="maxChatId"
              name="maxChatId"
              type="text"
              inputmode="numeric"
              maxlength={21}
              value={values.maxChatId}
              aria-invalid={invalid('maxChatId')}
            />
          </Field>
          <Field
            id="maxEscalationChatId"
            label={t.escalationChat}
            hint={t.escalationChatHint}
            error={errors.maxEscalationChatId}
          >
            <input
              id="maxEscalationChatId"
              name="maxEscalationChatId"
              type="text"
              inputmode="numeric"
              maxlength={21}
              value={values.maxEscalationChatId}
              aria-invalid={invalid('maxEscalationChatId')}
            />
          </Field>
        </div>
        {props.tokenSaved && (
          <label class="inline-check" for="maxClear">
            <input type="checkbox" id="maxClear" name="maxClear" value="1" checked={values.maxClear} /> {t.clear}
          </label>
        )}
        <Field id="maxApiBase" label={t.apiBase} error={errors.maxApiBase}>
          <input
            id="maxApiBase"
            name="maxApiBase"
            type="url"
            maxlength={200}
            value={values.maxApiBase}
            aria-invalid={invalid('maxApiBase')}
          />
        </Field>
        <div class="actions">
          <button class="btn" type="submit">
            {t.save}
          </button>
        </div>
      </form>
      {props.connect && (
        <section class="panel" id="max-connect">
          <h2>{t.connectTitle}</h2>
          {link ? (
            <div class="connect">
              <QrSvg text={link} label={t.connectQr} />
              <div>
                <p>{t.connectHint}</p>
                <p>
                  <a class="break" href={link} data-testid="max-connect-link">
                    {link}
                  </a>
                </p>
                <p class="muted small">{fill(t.connectGroup, { command: `/start ${props.connect.code}` })}</p>
              </div>
            </div>
          ) : (
            <p class="muted">{t.connectNone}</p>
          )}
          <PostButton
            action="/admin/settings/complaints/max-connect"
            label={link ? t.connectAgain : t.connectMake}
            class="btn secondary"
          />
        </section>
      )}
      {props.tokenSaved && (
        <div class="actions">
          <PostButton action="/admin/settings/complaints/max-test" label={t.testMessage} />
        </div>
      )}
    </section>
  );
}
