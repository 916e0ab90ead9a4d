import { z } from 'zod';
import { randomToken } from '../../auth/crypto';
import { requirePermission } from '../../auth/middleware';
import { getSettings, saveSettings } from '../../db/settings';
import type { Settings } from '../../domain/settings';
import { validateComplaintSettings, type ComplaintSettingsInput } from '../../domain/complaint-settings';
import { badRequest } from '../../errors';
import { complaintsAdmin } from '../../i18n/complaints-admin';
import { deliveryPolicy } from '../../services/notify';
import { publicOrigin } from '../../services/printing';
import { connectBot } from '../../services/telegram';
import { validateMaxSettings, type MaxSettingsInput } from '../../domain/max-settings';
import { connectMaxBot } from '../../services/max';
import { maxErrorText } from '../../views/max-errors';
import { apiApp, createRoute, jsonBody, routeDoc } from './openapi';
import { WEEKLY_DIGEST_CHOICES } from '../../domain/digest';
import { maskWebhookSecret, newWebhookSecret } from '../../domain/webhook-secret';

/**
 * `GET/PATCH /api/v1/settings/notifications` for scripted set-ups, owner tokens only. The bot token
 * and the webhook secret are write-only: answers say only whether one is set. The checks are the
 * settings page's own (addresses, chat ids); a new bot token registers the update webhook.
 */
export const notificationSettingsApi = apiApp();
notificationSettingsApi.use('*', requirePermission('settings'));

const str = (what: string, max: number) =>
  z.string({ error: `${what} must be a string` }).max(max, `${what} is too long`);

export const notificationSettingsSchema = z.strictObject(
  {
    telegram: z
      .strictObject(
        {
          botToken: str('telegram.botToken', 100).optional().describe('write-only; absent keeps the saved one'),
          apiBase: str('telegram.apiBase', 200)
            .optional()
            .describe('Bot API address, https://api.telegram.org by default'),
          chatId: str('telegram.chatId', 64).optional().describe('the chat complaints go to: -100… or @channel'),
        },
        { error: 'telegram is {"botToken", "apiBase", "chatId"} or null' },
      )
      .nullable()
      .optional(),
    escalationChatId: str('escalationChatId', 64)
      .optional()
      .describe('where overdue complaints are escalated; empty: the main chat'),
    max: z
      .strictObject(
        {
          botToken: str('max.botToken', 200).optional().describe('write-only; absent keeps the saved one'),
          apiBase: str('max.apiBase', 200)
            .optional()
            .describe('MAX Bot API address, https://platform-api.max.ru by default'),
          chatId: str('max.chatId', 21)
            .optional()
            .describe('the MAX chat complaints go to (a number); the connect link fills it in'),
          escalationChatId: str('max.escalationChatId', 21)
            .optional()
            .describe('where overdue complaints are escalated in MAX; empty: the main MAX chat'),
        },
        { error: 'max is {"botToken", "apiBase", "chatId", "escalationChatId"} or null' },
      )
      .nullable()
      .optional(),
    webhook: z
      .strictObject(
        {
          url: str('webhook.url', 500),
          secret: str('webhook.secret', 200)
            .optional()
            .describe('write-only; absent keeps the saved one (or makes one)'),
        },
        { error: 'webhook is {"url", "secret"} or null' },
      )
      .nullable()
      .optional(),
    weeklyDigest: z
      .enum(WEEKLY_DIGEST_CHOICES, { error: `weeklyDigest is one of ${WEEKLY_DIGEST_CHOICES.join(', ')}` })
      .optional()
      .describe('the Monday digest: ru or en for its language, off for none'),
  },
  { error: 'the body must be a JSON object with telegram, escalationChatId, max, webhook and/or weeklyDigest' },
);

export function notificationSettingsJson(s: Settings) {
  return {
    telegram:
      s.telegramBotToken || s.telegramChatId
        ? { apiBase: s.telegramApiBase, chatId: s.telegramChatId, botTokenSet: s.telegramBotToken !== '' }
        : null,
    escalationChatId: s.escalationChatId,
    max:
      s.maxBotToken || s.maxChatId
        ? {
            apiBase: s.maxApiBase,
            chatId: s.maxChatId,
            escalationChatId: s.maxEscalationChatId,
            botTokenSet: s.maxBotToken !== '',
          }
        : null,
    webhook: s.webhookUrl
      ? {
          url: s.webhookUrl,
          secretSet: s.webhookSecret !== '',
          ...(s.webhookSecret ? { secretMasked: maskWebhookSecret(s.webhookSecret) } : {}),
        }
      : null,
    weeklyDigest: s.weeklyDigest,
  };
}

const FIELD: Partial<Record<keyof ComplaintSettingsInput, string>> = {
  telegramBotToken: 'telegram.botToken',
  telegramChatId: 'telegram.chatId',
  telegramApiBase: 'telegram.apiBase',
  escalationChatId: 'escalationChatId',
  webhookUrl: 'webhook.url',
  webhookSecret: 'webhook.secret',
};

const EXAMPLE = {
  telegram: { apiBase: 'https://api.telegram.org', chatId: '-1001234567890', botTokenSet: true },
  escalationChatId: '-1009876543210',
  max: { apiBase: 'https://platform-api.max.ru', chatId: '-70123456789', escalationChatId: '', botTokenSet: true },
  webhook: { url: 'https://crm.example.ru/hooks/complaints', secretSet: true, secretMasked: 'whsec_…a1b2' },
  weeklyDigest: 'ru',
};

const read = createRoute({
  method: 'get',
  path: '/',
  ...routeDoc({
    permission: 'settings',
    summary: 'Notification channels',
    description:
      'Tokens and secrets are never returned: `botTokenSet` and `secretSet` say whether one is saved, and `secretMasked` shows the webhook secret as it is on the settings page (its prefix and last four characters). `weeklyDigest` is the Monday digest: ru, en or off.',
    example: EXAMPLE,
  }),
});
notificationSettingsApi.openapi(read, async (c) => c.json(notificationSettingsJson(await getSettings(c.env.DB))));

const change = createRoute({
  method: 'patch',
  path: '/',
  request: { body: jsonBody(notificationSettingsSchema) },
  ...routeDoc({
    permission: 'settings',
    body: 'json',
    summary: 'Change notification channels',
    description:
      'Only the parts given change; `null` removes a channel. A new `telegram.botToken` registers the update webhook (`setWebhook` with a fresh `secret_token`); if Telegram refuses, the settings are saved and `telegramWebhookError` says why. A new `max.botToken` does the same with MAX (`POST /subscriptions` with a fresh `secret`), and `maxWebhookError` says why it failed.',
    example: EXAMPLE,
  }),
});

notificationSettingsApi.openapi(change, async (c) => {
  const body = c.req.valid('json');
  const current = await getSettings(c.env.DB);
  // The page's form as it stands, with the body's changes: the same checks, the same outcome.
  const input: ComplaintSettingsInput = {
    contactMode: current.contactMode,
    responseTargetMinutes: String(current.responseTargetMinutes),
    businessPhone: current.businessPhone,
    businessTelegram: current.businessTelegram,
    consentText: current.consentText,
    businessName: current.businessName,
    consentReviewed: false,
    telegramBotToken: body.telegram?.botToken ?? '',
    telegramClear: body.telegram === null,
    telegramChatId: body.telegram === null ? '' : (body.telegram?.chatId ?? current.telegramChatId),
    escalationChatId: body.escalationChatId ?? current.escalationChatId,
    telegramApiBase: body.telegram?.apiBase ?? current.telegramApiBase,
    webhookUrl: body.webhook === null ? '' : (body.webhook?.url ?? current.webhookUrl),
    webhookSecret: body.webhook === null ? '' : (body.webhook?.secret ?? current.webhookSecret),
    weeklyDigest: body.weeklyDigest ?? current.weeklyDigest,
  };
  const policy = deliveryPolicy(c.env, c.req.url);
  const result = validateComplaintSettings(input, current, () => newWebhookSecret(randomToken), policy);
  if (!result.ok) {
    const [key, error] = Object.entries(result.errors)[0]!;
    throw badRequest(complaintsAdmin.en.settings.errors[error!], FIELD[key as keyof ComplaintSettingsInput] ?? key);
  }
  // MAX: given as a whole object, or null to remove it; checked like the page's MAX form.
  let maxSettings: Partial<Settings> = {};
  if (body.max !== undefined) {
    const maxInput: MaxSettingsInput = {
      maxBotToken: body.max?.botToken ?? '',
      maxClear: body.max === null,
      maxApiBase: body.max?.apiBase ?? current.maxApiBase,
      maxChatId: body.max === null ? '' : (body.max.chatId ?? current.maxChatId),
      maxEscalationChatId: body.max === null ? '' : (body.max.escalationChatId ?? current.maxEscalationChatId),
    };
    const maxResult = validateMaxSettings(maxInput, current, policy);
    if (!maxResult.ok) {
      const [key, error] = Object.entries(maxResult.errors)[0]!;
      throw badRequest(maxErrorText(error!, 'en'), MAX_FIELD[key as keyof MaxSettingsInput]);
    }
    maxSettings = maxResult.settings;
  }
  await saveSettings(c.env.DB, { ...result.settings, ...maxSettings }, Date.now());
  let maxWebhookError: string | null = null;
  if (maxSettings.maxBotToken && maxSettings.maxBotToken !== current.maxBotToken) {
    maxWebhookError = await connectMaxBot(
      c.env.DB,
      { ...current, ...result.settings, ...maxSettings },
      policy,
      publicOrigin(c.env, c.req.url),
      Date.now(),
    );
  }
  const token = result.settings.telegramBotToken ?? '';
  let webhookError: string | null = null;
  if (token && token !== current.telegramBotToken) {
    webhookError = await connectBot(
      c.env.DB,
      { ...current, ...result.settings },
      policy,
      publicOrigin(c.env, c.req.url),
      Date.now(),
    );
  }
  const saved = notificationSettingsJson(await getSettings(c.env.DB));
  return c.json({
    ...saved,
    ...(webhookError ? { telegramWebhookError: webhookError } : {}),
    ...(maxWebhookError ? { maxWebhookError } : {}),
  });
});

const MAX_FIELD: Record<keyof MaxSettingsInput, string> = {
  maxBotToken: 'max.botToken',
  maxClear: 'max',
  maxApiBase: 'max.apiBase',
  maxChatId: 'max.chatId',
  maxEscalationChatId: 'max.escalationChatId',
};
