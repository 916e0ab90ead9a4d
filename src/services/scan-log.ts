import type { CardTarget } from '../db/cards';
import { countScanLogFailure } from '../db/health';
import { insertScans, scansInMessage, type NewScan, type ScanKind, type ScanMessage } from '../db/scans';
import { isBotScan } from '../domain/bots';
import { deviceClass } from '../domain/device';
import { utcDay } from '../domain/visitor';
import type { Bindings } from '../env';
import { MAX_DELIVERIES, retryDelaySeconds } from './queue-retry';
import { visitOf, visitorOf } from './visitor';

export type { ScanKind };

/** What the request tells about a scan; read before the response, hashed after it. */
interface ScanRequest {
  method: string;
  userAgent: string;
  ip: string;
  country: string | null;
  now: number;
}

/** The scan facts of a request: method, the phone behind it, the country Cloudflare names. */
export function scanRequestOf(request: Request, now: number): ScanRequest {
  const country = (request.cf as { country?: unknown } | undefined)?.country;
  return {
    method: request.method,
    ...visitOf(request),
    country: typeof country === 'string' && /^[A-Z0-9]{2}$/.test(country) ? country : null,
    now,
  };
}

/**
 * Records a scan after the response is sent (`waitUntil`, e.g. `(work) => ctx.waitUntil(work)`),
 * so logging never delays or breaks the customer's page: onto the SCANS queue with the isolate's
 * other recent scans, or straight into D1 when the queue is missing or refuses them. Failures are
 * retried when transient, then logged and counted, never thrown.
 */
export function recordScan(
  env: Bindings,
  waitUntil: (work: Promise<unknown>) => void,
  card: CardTarget,
  kind: ScanKind,
  request: ScanRequest,
): void {
  waitUntil(logScan(env, card, kind, request));
}

async function logScan(env: Bindings, card: CardTarget, kind: ScanKind, request: ScanRequest): Promise<void> {
  let scan: NewScan;
  try {
    scan = {
      eventId: randomEventId(),
      cardCode: card.code,
      locationId: card.locationId,
      batchId: card.batchId,
      kind,
      createdAt: request.now,
      device: deviceClass(request.userAgent),
      country: request.country,
      isBot: isBotScan(request.method, request.userAgent),
      visitor: request.ip || request.userAgent ? await visitorOf(env, request, request.now) : null,
    };
  } catch (error) {
    return countLostScans(env, [{ cardCode: card.code, kind, createdAt: request.now }], error);
  }
  return outboxFor(env).add(scan);
}

/**
 * Scans of one isolate leave together: the first scan opens an outbox, scans arriving in the
 * next SEND_WINDOW_MS join it, and then all of them go as one queue message (or one D1 write).
 * Under load that is one message for many scans instead of one each (queues bill and work per
 * message); when traffic is light it only delays storing by the window, never the customer. Every request waits (after
 * its response) for the send that carries its scan, so the isolate stays up until it is done.
 */
const SEND_WINDOW_MS = 20;
/** Scans in one message: about 30 KB, far under the queue's 128 KB a message. */
const MAX_OUTBOX = 100;

interface Outbox {
  add(scan: NewScan): Promise<void>;
}

// Keyed by the bindings object, so tests that bind a different queue never share an outbox.
const outboxes = new WeakMap<Bindings, Outbox>();

function outboxFor(env: Bindings): Outbox {
  const open = outboxes.get(env);
  if (open) return open;
  const scans: NewScan[] = [];
  const sent = new Promise((resolve) => setTimeout(resolve, SEND_WINDOW_MS)).then(() => {
    if (outboxes.get(env) === outbox) outboxes.delete(env);
    return deliver(env, scans);
  });
  const outbox: Outbox = {
    add(scan) {
      scans.push(scan);
      if (scans.length >= MAX_OUTBOX && outboxes.get(env) === outbox) outboxes.delete(env);
      return sent;
    },
  };
  outboxes.set(env, outbox);
  return outbox;
}

// Through the queue, scans reach D1 many per statement; the visitor is hashed before sending
// so no IP ever leaves the request. Without the queue (or when it refuses), straight to D1.
async function deliver(env: Bindings, scans: NewScan[]): Promise<void> {
  if (env.SCANS) {
    try {
      await env.SCANS.send({ scans });
      return;
    } catch (error) {
      console.error('scan queue send failed, writing directly', scans.length, error);
    }
  }
  try {
    await withRetries(() => insertScans(env.DB, scans));
  } catch (error) {
    await countLostScans(env, scans, error);
  }
}

/** Scans that could not be stored: logged, and counted by day so the loss is visible. */
async function countLostScans(
  env: Bindings,
  scans: Pick<NewScan, 'cardCode' | 'kind' | 'createdAt'>[],
  error: unknown,
): Promise<void> {
  for (const scan of scans) {
    console.error('scan log failed', scan.cardCode, scan.kind, error);
    try {
      await countScanLogFailure(env.DB, utcDay(scan.createdAt), String(error), Date.now());
    } catch (countError) {
      console.error('scan log failure could not be counted', countError);
    }
  }
}

/** The queues of wrangler.toml: scans, and the dead-letter queue for scans D1 kept refusing. */
export const SCANS_QUEUE = 'support-index-scans';
export const SCANS_DEAD_LETTER_QUEUE = 'support-index-scans-dead';

/**
 * The queue consumer: stores the scans of a batch of messages in one D1 round trip. When D1
 * fails the batch is delivered again after a growing delay (the event id keeps a repeat from
 * counting twice), so a scan outlives a D1 outage of half an hour; after the last retry the
 * queue hands the message to the dead-letter queue. Nothing is counted lost here.
 */
export async function storeScanBatch(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const messages = batch.messages as readonly Message<ScanMessage>[];
  try {
    await withRetries(() =>
      insertScans(
        env.DB,
        messages.flatMap((m) => scansInMessage(m.body)),
      ),
    );
    batch.ackAll();
  } catch (error) {
    const last = messages.filter((m) => m.attempts >= MAX_DELIVERIES).length;
    for (const message of messages) message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    if (last < messages.length) console.error('scan batch not stored, will be retried', messages.length - last, error);
    if (last > 0) console.error('scan batch not stored, handed to the dead-letter queue', last, error);
  }
}

/**
 * The dead-letter consumer: one last attempt for scans the queue gave up on, and only then are
 * they counted as lost, so the count means scans truly gone.
 */
export async function storeDeadScanBatch(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const scans = (batch.messages as readonly Message<ScanMessage>[]).flatMap((m) => scansInMessage(m.body));
  try {
    await withRetries(() => insertScans(env.DB, scans));
  } catch (error) {
    await countLostScans(env, scans, error);
  }
  batch.ackAll();
}

function randomEventId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

// Errors after which the write did not happen or may be repeated safely (the event id makes
// a repeat a no-op): local SQLite contention, D1 overload, and the resets D1's docs name.
const TRANSIENT =
  /SQLITE_BUSY|database is locked|overloaded|Network connection lost|object to be reset|reset because its code was updated|internal error/i;
const RETRY_DELAYS_MS = [20, 100, 400];

async function withRetries(write: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !TRANSIENT.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
    }
  }
}
