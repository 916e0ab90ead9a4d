import { Hono, type Context } from 'hono';
import { randomToken } from '../../auth/crypto';
import { requirePermission } from '../../auth/middleware';
import { listNotificationProblems } from '../../db/notifications';
import { latestDigest } from '../../db/digests';
import { ownerTimeZone } from '../../db/locations';
import { getSettings, saveSettings } from '../../db/settings';
import type { Settings } from '../../domain/settings';
import { validateComplaintSettings, type ComplaintSettingsInput } from '../../domain/complaint-settings';
import type { AppEnv } from '../../env';
import { fill, messages } from '../../i18n';
import { deliveryPolicy, retryNotificationNow } from '../../services/notify';
import { connectBot, newConnectCode, sendTestMessage } from '../../services/telegram';
import { publicOrigin } from '../../services/printing';
import { ComplaintSettingsPage, type SettingsErrors, type SettingsFormValues } from '../../views/complaint-settings';
import { validateMaxSettings, type MaxSettingsInput } from '../../domain/max-settings';
import { connectMaxBot, newMaxConnectCode, sendMaxTestMessage } from '../../services/max';
import { maxErrorText } from '../../views/max-errors';
import { MaxSettingsPanel, type MaxSettingsErrors } from '../../views/max-settings';
import { SecretOncePage } from '../../views/accounts-admin';
import { maskWebhookSecret, newWebhookSecret } from '../../domain/webhook-secret';

/** /admin/settings/complaints: contact mode, response target, consent text, notification channels. */
export const complaintSettingsRoutes = new Hono<AppEnv>();
complaintSettingsRoutes.use('*', requirePermission('settings'));

const CURRENT = '/admin/settings';

function valuesOf(settings: Settings): SettingsFormValues {
  return {
    contactMode: settings.contactMode,
    responseTargetMinutes: String(settings.responseTargetMinutes),
    businessPhone: settings.businessPhone,
    businessTelegram: settings.businessTelegram,
    consentText: settings.consentText,
    businessName: settings.businessName,
    consentReviewed: false,
    telegramBotToken: '',
    telegramClear: false,
    telegramChatId: settings.telegramChatId,
    escalationChatId: settings.escalationChatId,
    telegramApiBase: settings.telegramApiBase,
    webhookUrl: settings.webhookUrl,
    // Write-only: the saved secret was shown once when it was made; the page shows it masked.
    webhookSecret: '',
    weeklyDigest: settings.weeklyDigest,
  };
}

function maxValuesOf(settings: Settings): MaxSettingsInput {
  return {
    maxBotToken: '',
    maxClear: false,
    maxApiBase: settings.maxApiBase,
    maxChatId: settings.maxChatId,
    maxEscalationChatId: settings.maxEscalationChatId,
  };
}

async function show(
  c: Context<AppEnv>,
  values: SettingsFormValues | null,
  errors: SettingsErrors = {},
  notice?: { ok: boolean; text: string },
  extra: { maxForm?: { values: MaxSettingsInput; errors: MaxSettingsErrors }; secretError?: string } = {},
) {
  const { maxForm, secretError } = extra;
  const locale = c.get('locale');
  const t = messages(locale).complaintsAdmin;
  const [settings, problems, digest, timeZone] = await Promise.all([
    getSettings(c.env.DB),
    listNotificationProblems(c.env.DB),
    latestDigest(c.env.DB),
    ownerTimeZone(c.env.DB),
  ]);
  if (!notice && c.req.query('saved') === '1') notice = { ok: true, text: t.settings.saved };
  if (!notice && c.req.query('retry') === 'sent') notice = { ok: true, text: t.settings.retried };
  if (!notice && c.req.query('retry') === 'failed') notice = { ok: false, text: t.settings.retryFailed };
  const m = messages(locale).messengers.max;
  if (!notice && c.req.query('saved') === 'max') notice = { ok: true, text: m.saved };
  const maxErrors = maxForm?.errors ?? {};
  c.status(Object.keys(errors).length > 0 || Object.keys(maxErrors).length > 0 || secretError ? 400 : 200);
  return c.render(
    <ComplaintSettingsPage
      locale={locale}
      values={values ?? valuesOf(settings)}
      errors={errors}
      tokenSaved={settings.telegramBotToken !== ''}
      consentReviewedAt={settings.consentReviewedAt}
      timeZone={timeZone}
      connect={
        settings.telegramBotToken && settings.telegramBotUsername
          ? { bot: settings.telegramBotUsername, code: settings.telegramConnectCode }
          : null
      }
      secret={{
        t: messages(locale).webhookSecret,
        masked: settings.webhookSecret ? maskWebhookSecret(settings.webhookSecret) : null,
        canRotate: settings.webhookUrl !== '',
        error: secretError,
      }}
      problems={problems}
      digest={{ deliveries: digest, timeZone }}
      notice={notice}
      maxPanel={
        <MaxSettingsPanel
          values={maxForm?.values ?? maxValuesOf(settings)}
          errors={maxErrors}
          tokenSaved={settings.maxBotToken !== ''}
          connect={
            settings.maxBotToken && settings.maxBotUsername
              ? { bot: settings.maxBotUsername, code: settings.maxConnectCode }
              : null
          }
        />
      }
    />,
    { title: t.settings.title, current: CURRENT },
  );
}

complaintSettingsRoutes.get('/', (c) => show(c, null));

complaintSettingsRoutes.post('/', async (c) => {
  const body = await c.req.parseBody();
  const field = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  const input: ComplaintSettingsInput = {
    contactMode: field('contactMode'),
    responseTargetMinutes: field('responseTargetMinutes'),
    businessPhone: field('businessPhone'),
    businessTelegram: field('businessTelegram'),
    consentText: field('consentText'),
    businessName: field('businessName'),
    consentReviewed: field('consentReviewed') === '1',
    telegramBotToken: field('telegramBotToken'),
    telegramClear: field('telegramClear') === '1',
    telegramChatId: field('telegramChatId'),
    escalationChatId: field('escalationChatId'),
    telegramApiBase: field('telegramApiBase'),
    webhookUrl: field('webhookUrl'),
    webhookSecret: field('webhookSecret'),
    weeklyDigest: field('weeklyDigest'),
  };
  const current = await getSettings(c.env.DB);
  const result = validateComplaintSettings(
    input,
    current,
    () => newWebhookSecret(randomToken),
    deliveryPolicy(c.env, c.req.url),
    Date.now(),
  );
  if (!result.ok) {
    const problems = messages(c.get('locale')).complaintsAdmin.settings.errors;
    const errors: SettingsErrors = {};
    for (const [key, error] of Object.entries(result.errors)) errors[key as keyof SettingsErrors] = problems[error];
    const contactMode = input.contactMode === 'off' || input.contactMode === 'store' ? input.contactMode : 'forward';
    return show(c, { ...input, contactMode }, errors);
  }
  await saveSettings(c.env.DB, result.settings, Date.now());
  const secret = result.settings.webhookSecret ?? '';
  const secretChanged = secret !== '' && secret !== current.webhookSecret;
  // A new bot token registers the update webhook with a fresh secret, so button presses reach the app.
  const token = result.settings.telegramBotToken ?? '';
  if (token && token !== current.telegramBotToken) {
    const failure = await connectBot(
      c.env.DB,
      { ...current, ...result.settings },
      deliveryPolicy(c.env, c.req.url),
      publicOrigin(c.env, c.req.url),
      Date.now(),
    );
    if (failure) {
      const text = fill(messages(c.get('locale')).complaintsAdmin.settings.webhookFailed, { reason: failure });
      // The one chance to see a new signing secret is not lost to the Telegram failure.
      if (secretChanged) return secretOnce(c, secret, text);
      return show(c, null, {}, { ok: false, text });
    }
  }
  // A new signing secret (made here, or pasted) is shown this once; afterwards only masked.
  if (secretChanged) return secretOnce(c, secret);
  return c.redirect('/admin/settings/complaints?saved=1', 303);
});

/** The secret in this response only (no-store), like an invitation link or an API token. */
function secretOnce(c: Context<AppEnv>, secret: string, problem?: string) {
  const w = messages(c.get('locale')).webhookSecret;
  c.header('cache-control', 'no-store');
  return c.render(
    <>
      {problem && (
        <div class="alert error" role="alert">
          {problem}
        </div>
      )}
      <SecretOncePage
        title={w.shownTitle}
        text={w.shown}
        secret={secret}
        label={w.label}
        back={{ href: '/admin/settings/complaints', text: w.back }}
      />
    </>,
    { title: w.shownTitle, current: CURRENT },
  );
}

/** "Новый секрет": a fresh signing secret at once; the old one stops working with the next delivery. */
complaintSettingsRoutes.post('/webhook-secret', async (c) => {
  const current = await getSettings(c.env.DB);
  if (!current.webhookUrl)
    return show(c, null, {}, undefined, { secretError: messages(c.get('locale')).webhookSecret.noUrl });
  const secret = newWebhookSecret(randomToken);
  await saveSettings(c.env.DB, { webhookSecret: secret }, Date.now());
  return secretOnce(c, secret);
});

/** "Send a test message": the page then says it went, or Telegram's exact error. */
complaintSettingsRoutes.post('/telegram-test', async (c) => {
  const t = messages(c.get('locale')).complaintsAdmin.settings;
  const failure = await sendTestMessage(await getSettings(c.env.DB), deliveryPolicy(c.env, c.req.url));
  // A test that went through ticks "notifications" on the owner's first-run checklist.
  if (!failure) await saveSettings(c.env.DB, { notificationTestAt: Date.now() }, Date.now());
  return show(
    c,
    null,
    {},
    failure ? { ok: false, text: fill(t.testFailed, { reason: failure }) } : { ok: true, text: t.testSent },
  );
});

/** "Подключить чат": a fresh one-time code; the page shows its t.me link and QR code. */
complaintSettingsRoutes.post('/telegram-connect', async (c) => {
  await newConnectCode(c.env.DB, Date.now());
  return c.redirect('/admin/settings/complaints#connect', 303);
});

/** The MAX part of the page: its own form, so saving it never touches the Telegram fields. */
complaintSettingsRoutes.post('/max', async (c) => {
  const body = await c.req.parseBody();
  const field = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  const input: MaxSettingsInput = {
    maxBotToken: field('maxBotToken'),
    maxClear: field('maxClear') === '1',
    maxApiBase: field('maxApiBase'),
    maxChatId: field('maxChatId'),
    maxEscalationChatId: field('maxEscalationChatId'),
  };
  const current = await getSettings(c.env.DB);
  const policy = deliveryPolicy(c.env, c.req.url);
  const result = validateMaxSettings(input, current, policy);
  const locale = c.get('locale');
  if (!result.ok) {
    const errors: MaxSettingsErrors = {};
    for (const [key, error] of Object.entries(result.errors))
      errors[key as keyof MaxSettingsErrors] = maxErrorText(error!, locale);
    return show(c, null, {}, { ok: false, text: Object.values(errors)[0]! }, { maxForm: { values: input, errors } });
  }
  await saveSettings(c.env.DB, result.settings, Date.now());
  const token = result.settings.maxBotToken ?? '';
  if (token && token !== current.maxBotToken) {
    const failure = await connectMaxBot(
      c.env.DB,
      { ...current, ...result.settings },
      policy,
      publicOrigin(c.env, c.req.url),
      Date.now(),
    );
    if (failure)
      return show(
        c,
        null,
        {},
        { ok: false, text: fill(messages(locale).messengers.max.webhookFailed, { reason: failure }) },
      );
  }
  return c.redirect('/admin/settings/complaints?saved=max#max', 303);
});

/** "Send a test message to MAX": the page then says it went, or MAX's exact error. */
complaintSettingsRoutes.post('/max-test', async (c) => {
  const t = messages(c.get('locale')).messengers.max;
  const failure = await sendMaxTestMessage(await getSettings(c.env.DB), deliveryPolicy(c.env, c.req.url));
  // As in Telegram: a test that went through ticks "notifications" on the first-run checklist.
  if (!failure) await saveSettings(c.env.DB, { notificationTestAt: Date.now() }, Date.now());
  return show(
    c,
    null,
    {},
    failure ? { ok: false, text: fill(t.testFailed, { reason: failure }) } : { ok: true, text: t.testSent },
  );
});

/** "Create a MAX link": a fresh one-time code; the page shows its max.ru link and QR code. */
complaintSettingsRoutes.post('/max-connect', async (c) => {
  await newMaxConnectCode(c.env.DB, Date.now());
  return c.redirect('/admin/settings/complaints#max-connect', 303);
});

/** "Retry now": one attempt at once; the page then says only whether it went (the reason stays in the table). */
complaintSettingsRoutes.post('/notifications/:id/retry', async (c) => {
  const id = c.req.param('id');
  const sent = /^[\w-]{8,32}$/.test(id)
    ? await retryNotificationNow(c.env.DB, deliveryPolicy(c.env, c.req.url), id, Date.now())
    : null;
  return c.redirect(`/admin/settings/complaints?retry=${sent ? 'sent' : 'failed'}#problems`, 303);
});
