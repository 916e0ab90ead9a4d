import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../src/index';
import gmailForwardRu from './fixtures/review-mails/gmail-forward-ru.eml?raw';
import googleEn from './fixtures/review-mails/google-en.eml?raw';
import googleRu from './fixtures/review-mails/google-ru.eml?raw';
import spam from './fixtures/review-mails/spam.eml?raw';
import twoGisHtmlOnly from './fixtures/review-mails/2gis-html-only.eml?raw';
import yandexDirectRu from './fixtures/review-mails/yandex-direct-ru.eml?raw';
import yandexInvoice from './fixtures/review-mails/yandex-invoice.eml?raw';
import yandexMailAttached2gis from './fixtures/review-mails/yandex-mail-attached-2gis.eml?raw';

/** The .eml fixtures, one per platform and way of forwarding (see generate.py beside them). */
export const FIXTURES = {
  yandexDirectRu,
  twoGisHtmlOnly,
  googleEn,
  googleRu,
  gmailForwardRu,
  yandexMailAttached2gis,
  spam,
  yandexInvoice,
} as const;

export type Fixture = keyof typeof FIXTURES;

/** The envelope recipient of a fixture: its To header, as Email Routing would deliver it. */
function headerTo(raw: string): string {
  return /^To:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? 'reviews@si-mail.test';
}

/**
 * Hands a message to the Worker's `email` export as Email Routing does, and waits for its work.
 * Returns the addresses the Worker forwarded it to.
 */
export async function deliver(raw: string, to = headerTo(raw), vars: Record<string, string> = {}): Promise<string[]> {
  const forwarded: string[] = [];
  const bytes = new TextEncoder().encode(raw);
  const message = {
    from: 'bounce@forwarder.example',
    to,
    headers: new Headers(),
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    setReject() {},
    forward: async (address: string) => {
      forwarded.push(address);
    },
    reply: async () => undefined,
  } as unknown as ForwardableEmailMessage;
  const ctx = createExecutionContext();
  await worker.email!(message, { ...env, ...vars } as never, ctx);
  await waitOnExecutionContext(ctx);
  return forwarded;
}

export const deliverFixture = (name: Fixture, to?: string) => deliver(FIXTURES[name], to);

/** A fixture with another Message-ID, for a second, different notification. */
export const withMessageId = (raw: string, id: string) => raw.replace(/^Message-ID:.*$/im, `Message-ID: <${id}>`);
