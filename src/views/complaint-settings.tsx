import type { NotificationProblem } from '../domain/notifications';
import type { ComplaintSettingsInput } from '../domain/complaint-settings';
import { WEEKLY_DIGEST_CHOICES, type DigestStatus } from '../domain/digest';
import { CONTACT_MODES, type ContactMode } from '../domain/complaints';
import { storedFailure } from '../domain/outbound';
import type { Locale, WebhookSecretMessages } from '../i18n';
import { fill } from '../i18n';
import type { AdminT } from './inbox';
import { formatShortMoment, formatMoment } from './format';
import { CsrfField, Field, PostButton } from './layout';
import { qrMatrix } from '../pdf/qr';
import type { Child } from 'hono/jsx';
import { useT } from './request';

function connectLink(bot: string, code: string): string {
  return `https://t.me/${bot}?start=${code}`;
}

/** A QR code as inline SVG (no script, no image request): one path of the dark modules. */
export function QrSvg(props: { text: string; label: string }) {
  const qr = qrMatrix(props.text, 'M');
  const quiet = 4;
  let d = '';
  for (let y = 0; y < qr.size; y++)
    for (let x = 0; x < qr.size; x++) if (qr.dark[y * qr.size + x]) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  const side = qr.size + quiet * 2;
  return (
    <svg class="qr" viewBox={`0 0 ${side} ${side}`} role="img" aria-label={props.label} shape-rendering="crispEdges">
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

/** What the form shows: the fields as typed, with the contact mode already known to be valid. */
export type SettingsFormValues = Omit<ComplaintSettingsInput, 'contactMode'> & { contactMode: ContactMode };

export type SettingsErrors = Partial<Record<keyof SettingsFormValues, string>>;

const FAILURE_PHRASE = {
  timeout: 'timeout',
  'network error': 'network',
  'refused address': 'refused',
  'not configured': 'notConfigured',
  error: 'error',
} as const;

/** A failed delivery's reason for people: the status code or a fixed phrase, never a receiver's text. */
export function failureText(lastError: string | null, t: AdminT): string {
  const failure = storedFailure(lastError);
  if (failure === null) return '';
  if (failure.startsWith('HTTP ')) return failure;
  return t.complaint.failure[FAILURE_PHRASE[failure as keyof typeof FAILURE_PHRASE]];
}

export function ComplaintSettingsPage(props: {
  locale: Locale;
  values: SettingsFormValues;
  errors: SettingsErrors;
  tokenSaved: boolean;
  /** when the owner last confirmed the contact mode and consent text (0: never) */
  consentReviewedAt: number;
  /** the owner's zone, for the date of that review */
  timeZone: string;
  /** the bot's username and the current one-time code (empty: none made yet) */
  connect?: { bot: string; code: string } | null;
  problems: NotificationProblem[];
  /** the latest Monday digest's deliveries, shown under its choice */
  digest?: { deliveries: DigestStatus[]; timeZone: string };
  notice?: { ok: boolean; text: string };
  /** the MAX channel's panel, between the Telegram part and the delivery problems */
  maxPanel?: Child;
  /** the saved signing secret, masked (null: none yet), and whether "new secret" is offered */
  secret: { t: WebhookSecretMessages; masked: string | null; canRotate: boolean; error?: string };
}) {
  const t = useT().complaintsAdmin;
  const { values, errors } = props;
  const s = t.settings;
  const invalid = (key: keyof SettingsFormValues) => (errors[key] ? 'true' : undefined);
  return (
    <>
      <h1>{s.title}</h1>
      <p class="muted">
        {s.intro} <a href="/admin/reasons">{s.reasonsLink}</a>
      </p>
      {props.notice && (
        <div class={`alert ${props.notice.ok ? 'ok' : 'error'}`} role="status">
          {props.notice.text}
        </div>
      )}
      {Object.keys(errors).length > 0 && (
        <div class="alert error" role="alert">
          {Object.values(errors)[0]}
        </div>
      )}
      {props.consentReviewedAt === 0 && (
        <div class="alert warn" role="note" id="consent-review">
          <strong>{s.reviewTitle}</strong> {s.reviewText} <a href="#consentText">{s.reviewLink}</a>
        </div>
      )}
      <form method="post" action="/admin/settings/complaints" class="panel">
        <CsrfField />
        <fieldset class="choices">
          <legend>{s.contactMode}</legend>
          {CONTACT_MODES.map((mode) => (
            <label for={`mode-${mode}`}>
              <input
                type="radio"
                id={`mode-${mode}`}
                name="contactMode"
                value={mode}
                checked={values.contactMode === mode}
              />
              {s.modes[mode]}
            </label>
          ))}
          <p class="hint">{s.modeHint}</p>
        </fieldset>
        <div class="row">
          <Field
            id="responseTargetMinutes"
            label={s.responseTarget}
            hint={s.responseTargetHint}
            error={errors.responseTargetMinutes}
          >
            <input
              id="responseTargetMinutes"
              name="responseTargetMinutes"
              type="number"
              min={5}
              max={10080}
              value={values.responseTargetMinutes}
              aria-invalid={invalid('responseTargetMinutes')}
            />
          </Field>
          <Field id="businessPhone" label={s.businessPhone} hint={s.businessHint} error={errors.businessPhone}>
            <input
              id="businessPhone"
              name="businessPhone"
              type="tel"
              maxlength={40}
              value={values.businessPhone}
              aria-invalid={invalid('businessPhone')}
            />
          </Field>
          <Field id="businessTelegram" label={s.businessTelegram} hint={s.businessHint} error={errors.businessTelegram}>
            <input
              id="businessTelegram"
              name="businessTelegram"
              type="text"
              maxlength={64}
              value={values.businessTelegram}
              placeholder="@shop_support"
              aria-invalid={invalid('businessTelegram')}
            />
          </Field>
        </div>
        <Field id="businessName" label={s.businessName} hint={s.businessNameHint} error={errors.businessName}>
          <input
            id="businessName"
            name="businessName"
            type="text"
            maxlength={200}
            value={values.businessName}
            aria-invalid={invalid('businessName')}
          />
        </Field>
        <Field id="consentText" label={s.consentText} hint={s.consentHint} error={errors.consentText}>
          <textarea id="consentText" name="consentText" rows={10} aria-invalid={invalid('consentText')}>
            {values.consentText}
          </textarea>
        </Field>
        <label class="inline-check" for="consentReviewed">
          <input
            type="checkbox"
            id="consentReviewed"
            name="consentReviewed"
            value="1"
            checked={values.consentReviewed}
          />{' '}
          {props.consentReviewedAt > 0
            ? fill(s.reviewedOn, { date: formatMoment(props.consentReviewedAt, props.locale, props.timeZone) })
            : s.reviewedCheck}
        </label>
        <fieldset>
          <legend>{s.telegram}</legend>
          <div class="row">
            <Field
              id="telegramBotToken"
              label={s.telegramToken}
              hint={props.tokenSaved ? `${s.telegramTokenSet} ${s.telegramTokenHint}` : s.telegramTokenHint}
              error={errors.telegramBotToken}
            >
              <input
                id="telegramBotToken"
                name="telegramBotToken"
                type="password"
                autocomplete="off"
                maxlength={100}
                value={values.telegramBotToken}
                aria-invalid={invalid('telegramBotToken')}
              />
            </Field>
            <Field id="telegramChatId" label={s.telegramChat} error={errors.telegramChatId}>
              <input
                id="telegramChatId"
                name="telegramChatId"
                type="text"
                maxlength={64}
                value={values.telegramChatId}
                aria-invalid={invalid('telegramChatId')}
              />
            </Field>
            <Field
              id="escalationChatId"
              label={s.escalationChat}
              hint={s.escalationChatHint}
              error={errors.escalationChatId}
            >
              <input
                id="escalationChatId"
                name="escalationChatId"
                type="text"
                maxlength={64}
                value={values.escalationChatId}
                aria-invalid={invalid('escalationChatId')}
              />
            </Field>
          </div>
          {props.tokenSaved && (
            <label class="inline-check" for="telegramClear">
              <input type="checkbox" id="telegramClear" name="telegramClear" value="1" checked={values.telegramClear} />{' '}
              {s.telegramClear}
            </label>
          )}
          <Field id="telegramApiBase" label={s.telegramApiBase} error={errors.telegramApiBase}>
            <input
              id="telegramApiBase"
              name="telegramApiBase"
              type="url"
              maxlength={200}
              value={values.telegramApiBase}
              aria-invalid={invalid('telegramApiBase')}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{s.webhook}</legend>
          <Field id="webhookUrl" label={s.webhookUrl} hint={s.webhookUrlHint} error={errors.webhookUrl}>
            <input
              id="webhookUrl"
              name="webhookUrl"
              type="url"
              maxlength={500}
              value={values.webhookUrl}
              aria-invalid={invalid('webhookUrl')}
            />
          </Field>
          <Field
            id="webhookSecret"
            label={s.webhookSecret}
            hint={props.secret.masked ? props.secret.t.keepHint : s.webhookSecretHint}
            error={errors.webhookSecret}
          >
            <input
              id="webhookSecret"
              name="webhookSecret"
              type="password"
              autocomplete="off"
              maxlength={200}
              value={values.webhookSecret}
              aria-invalid={invalid('webhookSecret')}
            />
          </Field>
          {props.secret.masked && (
            <p class="small">
              {s.webhookSecret}: <code data-testid="webhook-secret-masked">{props.secret.masked}</code>{' '}
              <span class="muted">{props.secret.t.shownOnce}</span>
            </p>
          )}
        </fieldset>
        <Field id="weeklyDigest" label={s.weeklyDigest} hint={s.weeklyDigestHint}>
          <select id="weeklyDigest" name="weeklyDigest">
            {WEEKLY_DIGEST_CHOICES.map((choice) => (
              <option value={choice} selected={values.weeklyDigest === choice}>
                {s.weeklyDigestChoices[choice]}
              </option>
            ))}
          </select>
        </Field>
        {props.digest && props.digest.deliveries.length > 0 && (
          <p class="small muted" id="digest-status">
            {fill(s.weeklyDigestLast, { week: props.digest.deliveries[0]!.week })}{' '}
            {props.digest.deliveries
              .map((d) =>
                fill(
                  d.status === 'sent'
                    ? s.weeklyDigestSent
                    : d.status === 'failed'
                      ? s.weeklyDigestFailed
                      : d.lastError
                        ? s.weeklyDigestPending
                        : s.weeklyDigestSending,
                  {
                    channel: d.channel === 'webhook' ? s.webhook : d.channel === 'telegram' ? 'Telegram' : d.channel,
                    when: formatShortMoment(
                      d.status === 'sent' ? d.sentAt! : d.nextAttemptAt,
                      props.locale,
                      props.digest!.timeZone,
                    ),
                    reason: failureText(d.lastError, t),
                  },
                ),
              )
              .join('; ')}
          </p>
        )}
        <div class="actions">
          <button class="btn" type="submit">
            {s.save}
          </button>
        </div>
      </form>
      {props.connect && (
        <section class="panel" id="connect">
          <h2>{s.connectTitle}</h2>
          {props.connect.code ? (
            <div class="connect">
              <QrSvg text={connectLink(props.connect.bot, props.connect.code)} label={s.connectQr} />
              <div>
                <p>{s.connectHint}</p>
                <p>
                  <a class="break" href={connectLink(props.connect.bot, props.connect.code)} data-testid="connect-link">
                    {connectLink(props.connect.bot, props.connect.code)}
                  </a>
                </p>
                <p class="muted small">{fill(s.connectGroup, { command: `/start ${props.connect.code}` })}</p>
              </div>
            </div>
          ) : (
            <p class="muted">{s.connectNone}</p>
          )}
          <PostButton
            action="/admin/settings/complaints/telegram-connect"
            label={props.connect.code ? s.connectAgain : s.connectMake}
            class="btn secondary"
          />
        </section>
      )}
      {props.secret.error && (
        <div class="alert error" role="alert">
          {props.secret.error}
        </div>
      )}
      {props.secret.canRotate && (
        <div class="actions" id="webhook-secret">
          <PostButton action="/admin/settings/complaints/webhook-secret" label={props.secret.t.rotate} />
          <span class="muted small">{props.secret.t.rotateHint}</span>
        </div>
      )}
      {props.tokenSaved && (
        <div class="actions">
          <PostButton action="/admin/settings/complaints/telegram-test" label={s.testMessage} />
        </div>
      )}
      {props.maxPanel}
      <h2 id="problems">{s.problems}</h2>
      <p class="muted small">{s.problemsIntro}</p>
      {props.problems.length === 0 ? (
        <p class="panel">{s.noProblems}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{s.columns.when}</th>
                <th>{s.columns.channel}</th>
                <th>{s.columns.status}</th>
                <th>{s.columns.error}</th>
                <th>{s.columns.next}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {props.problems.map((n) => (
                <tr class="notification-problem">
                  <td>
                    <a href={`/admin/complaints/${n.complaintId}`}>
                      {formatMoment(n.complaintCreatedAt, props.locale, n.locationTimeZone)}
                    </a>
                    <div class="muted small">
                      {n.reason} · {n.locationName}
                    </div>
                  </td>
                  <td data-label={s.columns.channel}>{t.complaint.channel[n.channel]}</td>
                  <td data-label={s.columns.status}>
                    <span class={`badge ${n.status === 'failed' ? 'bad' : 'warn'}`}>
                      {t.complaint.notificationStatus[n.status === 'pending' && n.attempts > 0 ? 'retrying' : n.status]}
                    </span>
                    <div class="muted small">{fill(t.complaint.attempts, { count: n.attempts })}</div>
                  </td>
                  <td class="small" data-label={s.columns.error}>
                    {failureText(n.lastError, t)}
                  </td>
                  <td class="small" data-label={s.columns.next}>
                    {n.status === 'pending' ? formatMoment(n.nextAttemptAt, props.locale, n.locationTimeZone) : '—'}
                  </td>
                  <td>
                    <PostButton action={`/admin/settings/complaints/notifications/${n.id}/retry`} label={s.retry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
