import { Hono, type Context } from 'hono';
import { randomToken } from '../../auth/crypto';
import { requirePermission } from '../../auth/middleware';
import { listNotificationProblems } from '../../db/notifications';
import { ownerTimeZone } from '../../db/locations';
import { getSettings, saveSettings, type Settings } from '../../db/settings';
import { validateComplaintSettings, type ComplaintSettingsInput } from '../../domain/complaint-settings';
import type { AppEnv } from '../../env';
import { complaintsAdmin } from '../../i18n/complaints-admin';
import { fill } from '../../i18n';
import { deliveryPolicy, retryNotificationNow } from '../../services/notify';
import { connectBot, newConnectCode, sendTestMessage } from '../../services/telegram';
import { publicOrigin } from '../../services/printing';
import { ComplaintSettingsPage, type SettingsErrors, type SettingsFormValues } from '../../views/complaint-settings';
import { renderPage } from '../../views/render';

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
    webhookSecret: settings.webhookSecret,
  };
}

async function show(c: Context<AppEnv>, values: SettingsFormValues | null, errors: SettingsErrors = {}, notice?: { ok: boolean; text: string }) {
  const locale = c.get('locale');
  const t = complaintsAdmin[locale];
  const [settings, problems, timeZone] = await Promise.all([getSettings(c.env.DB), listNotificationProblems(c.env.DB), ownerTimeZone(c.env.DB)]);
  if (!notice && c.req.query('saved') === '1') notice = { ok: true, text: t.settings.saved };
  if (!notice && c.req.query('retry') === 'sent') notice = { ok: true, text: t.settings.retried };
  if (!notice && c.req.query('retry') === 'failed') notice = { ok: false, text: t.settings.retryFailed };
  return renderPage(
    c,
    t.settings.title,
    <ComplaintSettingsPage
      t={t}
      locale={locale}
      values={values ?? valuesOf(settings)}
      errors={errors}
      tokenSaved={settings.telegramBotToken !== ''}
      consentReviewedAt={settings.consentReviewedAt}
      timeZone={timeZone}
      connect={settings.telegramBotToken && settings.telegramBotUsername ? { bot: settings.telegramBotUsername, code: settings.telegramConnectCode } : null}
      problems={problems}
      csrfToken={c.get('csrfToken')}
      notice={notice}
    />,
    { status: Object.keys(errors).length > 0 ? 400 : 200, current: CURRENT },
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
  };
  const current = await getSettings(c.env.DB);
  const result = validateComplaintSettings(input, current, () => randomToken(32), deliveryPolicy(c.env, c.req.url), Date.now());
  if (!result.ok) {
    const messages = complaintsAdmin[c.get('locale')].settings.errors;
    const errors: SettingsErrors = {};
    for (const [key, error] of Object.entries(result.errors)) errors[key as keyof SettingsErrors] = messages[error];
    const contactMode = input.contactMode === 'off' || input.contactMode === 'store' ? input.contactMode : 'forward';
    return show(c, { ...input, contactMode }, errors);
  }
  await saveSettings(c.env.DB, result.settings, Date.now());
  // A new bot token registers the update webhook with a fresh secret, so button presses reach the app.
  const token = result.settings.telegramBotToken ?? '';
  if (token && token !== current.telegramBotToken) {
    const failure = await connectBot(c.env.DB, { ...current, ...result.settings }, deliveryPolicy(c.env, c.req.url), publicOrigin(c.env, c.req.url), Date.now());
    if (failure) return show(c, null, {}, { ok: false, text: fill(complaintsAdmin[c.get('locale')].settings.webhookFailed, { reason: failure }) });
  }
  return c.redirect('/admin/settings/complaints?saved=1', 303);
});

/** "Send a test message": the page then says it went, or Telegram's exact error. */
complaintSettingsRoutes.post('/telegram-test', async (c) => {
  const t = complaintsAdmin[c.get('locale')].settings;
  const failure = await sendTestMessage(await getSettings(c.env.DB), deliveryPolicy(c.env, c.req.url));
  // A test that went through ticks "notifications" on the owner's first-run checklist.
  if (!failure) await saveSettings(c.env.DB, { notificationTestAt: Date.now() }, Date.now());
  return show(c, null, {}, failure ? { ok: false, text: fill(t.testFailed, { reason: failure }) } : { ok: true, text: t.testSent });
});

/** "Подключить чат": a fresh one-time code; the page shows its t.me link and QR code. */
complaintSettingsRoutes.post('/telegram-connect', async (c) => {
  await newConnectCode(c.env.DB, Date.now());
  return c.redirect('/admin/settings/complaints#connect', 303);
});

/** "Retry now": one attempt at once; the page then says only whether it went (the reason stays in the table). */
complaintSettingsRoutes.post('/notifications/:id/retry', async (c) => {
  const id = c.req.param('id');
  const sent = /^[\w-]{8,32}$/.test(id) ? await retryNotificationNow(c.env.DB, deliveryPolicy(c.env, c.req.url), id, Date.now()) : null;
  return c.redirect(`/admin/settings/complaints?retry=${sent ? 'sent' : 'failed'}#problems`, 303);
});
