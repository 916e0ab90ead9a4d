import { Hono } from 'hono';
import { z } from 'zod';
import { randomToken } from '../../auth/crypto';
import { requirePermission } from '../../auth/middleware';
import { getSettings, saveSettings, type Settings } from '../../db/settings';
import { firstIssue } from '../../domain/batch-request';
import { validateComplaintSettings, type ComplaintSettingsInput } from '../../domain/complaint-settings';
import type { AppEnv } from '../../env';
import { badRequest } from '../../errors';
import { complaintsAdmin } from '../../i18n/complaints-admin';
import { deliveryPolicy } from '../../services/notify';
import { publicOrigin } from '../../services/printing';
import { connectBot } from '../../services/telegram';
import { readJson } from './json';
import { describeEndpoint } from './openapi';

/**
 * `GET/PATCH /api/v1/settings/notifications` for scripted set-ups, owner tokens only. The bot token
 * and the webhook secret are write-only: answers say only whether one is set. The checks are the
 * settings page's own (addresses, chat ids); a new bot token registers the update webhook.
 */
export const notificationSettingsApi = new Hono<AppEnv>();
notificationSettingsApi.use('*', requirePermission('settings'));

const str = (what: string, max: number) => z.string({ error: `${what} must be a string` }).max(max, `${what} is too long`);

export const notificationSettingsSchema = z.strictObject(
  {
    telegram: z
      .strictObject(
        {
          botToken: str('telegram.botToken', 100).optional().describe('write-only; absent keeps the saved one'),
          apiBase: str('telegram.apiBase', 200).optional().describe('Bot API address, https://api.telegram.org by default'),
          chatId: str('telegram.chatId', 64).optional().describe('the chat complaints go to: -100… or @channel'),
        },
        { error: 'telegram is {"botToken", "apiBase", "chatId"} or null' },
      )
      .nullable()
      .optional(),
    escalationChatId: str('escalationChatId', 64).optional().describe('where overdue complaints are escalated; empty: the main chat'),
    max: z.null({ error: 'the MAX channel is not available yet: give null or leave it out' }).optional(),
    webhook: z
      .strictObject(
        { url: str('webhook.url', 500), secret: str('webhook.secret', 200).optional().describe('write-only; absent keeps the saved one (or makes one)') },
        { error: 'webhook is {"url", "secret"} or null' },
      )
      .nullable()
      .optional(),
  },
  { error: 'the body must be a JSON object with telegram, escalationChatId, max and/or webhook' },
);

export function notificationSettingsJson(s: Settings) {
  return {
    telegram: s.telegramBotToken || s.telegramChatId ? { apiBase: s.telegramApiBase, chatId: s.telegramChatId, botTokenSet: s.telegramBotToken !== '' } : null,
    escalationChatId: s.escalationChatId,
    max: null,
    webhook: s.webhookUrl ? { url: s.webhookUrl, secretSet: s.webhookSecret !== '' } : null,
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

notificationSettingsApi.get('/', async (c) => c.json(notificationSettingsJson(await getSettings(c.env.DB))));

notificationSettingsApi.patch('/', async (c) => {
  const parsed = notificationSettingsSchema.safeParse(await readJson(c));
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw badRequest(message, field);
  }
  const body = parsed.data;
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
  };
  const policy = deliveryPolicy(c.env, c.req.url);
  const result = validateComplaintSettings(input, current, () => randomToken(32), policy);
  if (!result.ok) {
    const [key, error] = Object.entries(result.errors)[0]!;
    throw badRequest(complaintsAdmin.en.settings.errors[error!], FIELD[key as keyof ComplaintSettingsInput] ?? key);
  }
  await saveSettings(c.env.DB, result.settings, Date.now());
  const token = result.settings.telegramBotToken ?? '';
  let webhookError: string | null = null;
  if (token && token !== current.telegramBotToken) {
    webhookError = await connectBot(c.env.DB, { ...current, ...result.settings }, policy, publicOrigin(c.env, c.req.url), Date.now());
  }
  const saved = notificationSettingsJson(await getSettings(c.env.DB));
  return c.json(webhookError ? { ...saved, telegramWebhookError: webhookError } : saved);
});

const EXAMPLE = {
  telegram: { apiBase: 'https://api.telegram.org', chatId: '-1001234567890', botTokenSet: true },
  escalationChatId: '-1009876543210',
  max: null,
  webhook: { url: 'https://crm.example.ru/hooks/complaints', secretSet: true },
};

describeEndpoint({ method: 'get', path: '/settings/notifications', summary: 'Notification channels', description: 'Tokens and secrets are never returned: `botTokenSet` and `secretSet` say whether one is saved.', permission: 'settings', responseExample: EXAMPLE });
describeEndpoint({
  method: 'patch',
  path: '/settings/notifications',
  summary: 'Change notification channels',
  description: 'Only the parts given change; `null` removes a channel. A new `telegram.botToken` registers the update webhook (`setWebhook` with a fresh `secret_token`); if Telegram refuses, the settings are saved and `telegramWebhookError` says why.',
  permission: 'settings',
  requestSchema: notificationSettingsSchema,
  responseExample: EXAMPLE,
});
