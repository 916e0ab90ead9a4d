/**
 * A stand-in for the MAX Bot API (https://dev.max.ru/docs-api), answering in its documented
 * shapes: the token in `Authorization`, `GET /me`, `POST /subscriptions {url, update_types,
 * secret}`, `POST /messages?chat_id=` with `inline_keyboard` attachments, `PUT
 * /messages?message_id=`, `POST /answers?callback_id=`, errors as `{code, message}`. It keeps the
 * messages it was sent, so a test presses a button that was really there. `handle` serves one
 * request: runtime tests route `fetch` to it, the e2e test serves it over HTTP on 127.0.0.1.
 */
export interface MaxCall {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
  body: Record<string, unknown>;
}

export interface StoredMessage {
  mid: string;
  chatId: number;
  text: string;
  attachments: unknown[];
}

export interface MaxUserShape {
  user_id: number;
  first_name: string;
  last_name?: string;
  username?: string | null;
}

export function maxStandIn(token: string, botName = 'kolobok_max_bot') {
  const calls: MaxCall[] = [];
  const messages = new Map<string, StoredMessage>();
  /** chats the bot cannot write to: POST /messages answers 404 chat.not.found */
  const missingChats = new Set<number>();
  let subscription: { url: string; update_types: string[]; secret?: string } | null = null;
  let seq = 0;

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const error = (status: number, code: string, message: string) => json({ code, message }, status);

  function badKeyboard(attachments: unknown): string | null {
    if (attachments === undefined || attachments === null) return null;
    if (!Array.isArray(attachments)) return 'attachments must be an array';
    for (const a of attachments as { type?: unknown; payload?: { buttons?: unknown } }[]) {
      if (a.type !== 'inline_keyboard') return `unsupported attachment ${String(a.type)}`;
      const rows = a.payload?.buttons;
      if (!Array.isArray(rows) || rows.length === 0) return 'payload.buttons must be a non-empty array of rows';
      for (const row of rows as unknown[]) {
        if (!Array.isArray(row)) return 'each row of buttons must be an array';
        for (const b of row as { type?: unknown; text?: unknown; payload?: unknown }[]) {
          if (b.type !== 'callback') return `unsupported button ${String(b.type)}`;
          if (typeof b.text !== 'string' || b.text.length < 1 || b.text.length > 128)
            return 'button text must be 1..128 characters';
          if (typeof b.payload !== 'string' || b.payload.length > 1024)
            return 'callback payload must be a string up to 1024 characters';
        }
      }
    }
    return null;
  }

  async function handle(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const raw = typeof init?.body === 'string' ? init.body : '';
    const authorization = new Headers(init?.headers).get('authorization');
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return error(400, 'proto.payload', 'Invalid JSON');
    }
    calls.push({ method, path: url.pathname, query: url.searchParams, authorization, body });
    if (authorization !== token) return error(401, 'verify.token', 'Invalid access_token');

    if (method === 'GET' && url.pathname === '/me') {
      return json({
        user_id: 9000,
        first_name: 'Колобок',
        username: botName,
        is_bot: true,
        last_activity_time: Date.now(),
      });
    }
    if (method === 'POST' && url.pathname === '/subscriptions') {
      if (typeof body.url !== 'string' || body.url === '') return error(400, 'proto.payload', 'url is required');
      if (body.secret !== undefined && (typeof body.secret !== 'string' || !/^[a-zA-Z0-9_-]{5,256}$/.test(body.secret)))
        return error(400, 'proto.payload', 'secret must match ^[a-zA-Z0-9_-]{5,256}$');
      subscription = {
        url: body.url,
        update_types: (body.update_types as string[]) ?? [],
        secret: body.secret as string | undefined,
      };
      return json({ success: true });
    }
    if (url.pathname === '/messages' && method === 'POST') {
      const chat = url.searchParams.get('chat_id') ?? url.searchParams.get('user_id');
      if (!chat || !/^-?\d+$/.test(chat)) return error(400, 'proto.payload', 'chat_id or user_id is required');
      if (missingChats.has(Number(chat))) return error(404, 'chat.not.found', `Chat ${chat} not found`);
      if (typeof body.text !== 'string' || body.text.length > 4000)
        return error(400, 'proto.payload', 'text must be up to 4000 characters');
      const bad = badKeyboard(body.attachments);
      if (bad) return error(400, 'proto.payload', bad);
      seq += 1;
      const stored: StoredMessage = {
        mid: `mid.${seq}`,
        chatId: Number(chat),
        text: body.text,
        attachments: (body.attachments as unknown[]) ?? [],
      };
      messages.set(stored.mid, stored);
      return json({
        message: {
          recipient: { chat_id: stored.chatId, chat_type: 'chat', user_id: null },
          timestamp: Date.now(),
          body: { mid: stored.mid, seq, text: stored.text, attachments: stored.attachments },
        },
      });
    }
    if (url.pathname === '/messages' && method === 'PUT') {
      const stored = messages.get(url.searchParams.get('message_id') ?? '');
      if (!stored) return error(404, 'not.found', 'Message not found');
      const bad = badKeyboard(body.attachments);
      if (bad) return error(400, 'proto.payload', bad);
      if (typeof body.text === 'string') stored.text = body.text;
      if (Array.isArray(body.attachments)) stored.attachments = body.attachments;
      return json({ success: true });
    }
    if (method === 'POST' && url.pathname === '/answers') {
      if (!url.searchParams.get('callback_id')) return error(400, 'proto.payload', 'callback_id is required');
      return json({ success: true });
    }
    return error(404, 'not.found', `Path ${url.pathname} not found`);
  }

  /** The callback payloads of a stored message's buttons. */
  const buttonsOf = (m: StoredMessage) =>
    (m.attachments as { payload: { buttons: { text: string; payload: string }[][] } }[]).flatMap((a) =>
      a.payload.buttons.flat(),
    );

  return {
    calls,
    messages,
    missingChats,
    subscription: () => subscription,
    handle,
    buttonsOf,
    /** `message_callback`: `user` pressed the button with `payload` under the message `mid`. */
    press(mid: string, payload: string, user: MaxUserShape, callbackId = `cb-${payload}`) {
      const m = messages.get(mid);
      return {
        update_type: 'message_callback',
        timestamp: Date.now(),
        callback: { timestamp: Date.now(), callback_id: callbackId, payload, user },
        message: m
          ? {
              sender: { user_id: 9000, first_name: 'Колобок', username: botName, is_bot: true },
              recipient: { chat_id: m.chatId, chat_type: 'chat', user_id: null },
              timestamp: Date.now(),
              body: { mid: m.mid, seq: 1, text: m.text, attachments: m.attachments },
            }
          : null,
        user_locale: 'ru',
      };
    },
    /** `bot_started`: `user` opened `https://max.ru/<bot>?start=<payload>`; `chatId` is their dialog with the bot. */
    botStarted(chatId: number, user: MaxUserShape, payload: string | null) {
      return { update_type: 'bot_started', timestamp: Date.now(), chat_id: chatId, user, payload, user_locale: 'ru' };
    },
    /** `message_created`: `user` wrote `text` in the chat `chatId`. */
    messageCreated(chatId: number, user: MaxUserShape, text: string) {
      return {
        update_type: 'message_created',
        timestamp: Date.now(),
        message: {
          sender: user,
          recipient: { chat_id: chatId, chat_type: 'chat', user_id: null },
          timestamp: Date.now(),
          body: { mid: `mid.in.${Date.now()}`, seq: 1, text, attachments: [] },
        },
      };
    },
  };
}
