import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/db/settings';
import { maxKeyboard, maxUserName } from '../../src/domain/max';
import { validateMaxSettings, type MaxSettingsInput } from '../../src/domain/max-settings';
import { complaintButtons, parseCallbackData } from '../../src/domain/telegram';
import { messages } from '../../src/i18n';

const production = { allowLocal: false, ownHosts: ['si.example.ru'] };
const input = (changes: Partial<MaxSettingsInput> = {}): MaxSettingsInput => ({
  maxBotToken: '',
  maxClear: false,
  maxApiBase: '',
  maxChatId: '',
  maxEscalationChatId: '',
  ...changes,
});

describe('MAX message parts', () => {
  it('the keyboard is one row of three callback buttons whose payloads a press is read back from', () => {
    const keyboard = maxKeyboard(complaintButtons('cmp-12345678', messages('ru').telegram.buttons));
    expect(keyboard.type).toBe('inline_keyboard');
    const row = keyboard.payload.buttons[0]!.map((b) => (b.type === 'callback' ? b : { ...b, payload: '' }));
    expect(keyboard.payload.buttons).toHaveLength(1);
    expect(row.map((b) => b.text)).toEqual(['Беру', 'Связались', 'Решено']);
    expect(row.map((b) => parseCallbackData(b.payload))).toEqual([
      { action: 'take', complaintId: 'cmp-12345678' },
      { action: 'contacted', complaintId: 'cmp-12345678' },
      { action: 'resolved', complaintId: 'cmp-12345678' },
    ]);
    // MAX's documented limits: button text up to 128 characters, payload up to 1024.
    expect(row.every((b) => b.type === 'callback' && b.text.length <= 128 && b.payload.length <= 1024)).toBe(true);
  });

  it.each([
    [{ user_id: 1, first_name: 'Анна', username: 'anna' }, '@anna'],
    [{ user_id: 1, first_name: 'Анна', last_name: 'Петрова', username: null }, 'Анна Петрова'],
    [{ user_id: 7, first_name: '', username: '' }, 'id 7'],
    [{ user_id: 7, name: 'Старое поле' }, 'Старое поле'],
    [undefined, 'MAX'],
  ])('names %j as %s', (user, name) => {
    expect(maxUserName(user)).toBe(name);
  });
});

describe('MAX settings', () => {
  it('keeps the saved token when the field is empty, and defaults the API base', () => {
    const current = { ...DEFAULT_SETTINGS, maxBotToken: 'saved-token-0123456789' };
    const result = validateMaxSettings(input({ maxChatId: '-70123' }), current, production);
    expect(result).toEqual({
      ok: true,
      settings: {
        maxBotToken: 'saved-token-0123456789',
        maxApiBase: 'https://platform-api.max.ru',
        maxChatId: '-70123',
        maxEscalationChatId: '',
      },
    });
  });

  it('asks for the token again when the API address changes, so the saved one is not sent elsewhere', () => {
    const current = { ...DEFAULT_SETTINGS, maxBotToken: 'saved-token-0123456789' };
    expect(validateMaxSettings(input({ maxApiBase: 'https://max.example.ru' }), current, production)).toEqual({
      ok: false,
      errors: { maxBotToken: 'tokenAgain' },
    });
    expect(
      validateMaxSettings(
        input({ maxApiBase: 'https://max.example.ru', maxBotToken: 'new-token-0123456789' }),
        current,
        production,
      ).ok,
    ).toBe(true);
  });

  it('removing the token takes the chat, the webhook secret and the connect link with it', () => {
    const current = {
      ...DEFAULT_SETTINGS,
      maxBotToken: 'saved-token-0123456789',
      maxChatId: '1',
      maxWebhookSecret: 's',
      maxConnectCode: 'c',
      maxBotUsername: 'b',
    };
    const result = validateMaxSettings(input({ maxClear: true, maxChatId: '1' }), current, production);
    expect(result.ok && result.settings).toMatchObject({
      maxBotToken: '',
      maxChatId: '',
      maxWebhookSecret: '',
      maxConnectCode: '',
      maxBotUsername: '',
    });
  });

  it.each([
    [{ maxChatId: '@channel' }, 'maxChatId', 'chat'],
    [{ maxEscalationChatId: '12a' }, 'maxEscalationChatId', 'chat'],
    [{ maxBotToken: 'short' }, 'maxBotToken', 'token'],
    [{ maxApiBase: 'http://192.168.1.5' }, 'maxApiBase', 'urlPrivate'],
    [{ maxApiBase: 'ftp://max.example.ru' }, 'maxApiBase', 'url'],
    [{ maxApiBase: 'https://si.example.ru' }, 'maxApiBase', 'urlOwn'],
    [{ maxApiBase: `https://${'a'.repeat(200)}.ru` }, 'maxApiBase', 'text'],
  ])('refuses %j at %s (%s)', (changes, field, error) => {
    expect(validateMaxSettings(input(changes), DEFAULT_SETTINGS, production)).toEqual({
      ok: false,
      errors: { [field]: error },
    });
  });
});
