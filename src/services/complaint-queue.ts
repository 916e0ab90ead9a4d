import { getComplaint, insertQueuedComplaintStatements, type ComplaintQueueMessage } from '../db/complaints';
import { getSettings } from '../db/settings';
import type { Bindings } from '../env';
import { addDetails } from './complaint-intake';
import { buildOutgoing, deliveryPolicy, outgoingStatements, sendNow } from './notify';
import { retryDelaySeconds } from './queue-retry';

/**
 * The durable path of a complaint: when D1 cannot take a tap (or the customer's addition) at
 * once, it goes to the COMPLAINTS queue and its consumer stores it when D1 answers again, under
 * the id picked at tap time, so a redelivery stores nothing twice and the owner's notifications
 * are queued and sent once, by the delivery that wrote them.
 */

/** Queues a message; false when there is no queue or it refuses (then the customer is asked to try again). */
export async function queueComplaintMessage(env: Bindings, message: ComplaintQueueMessage): Promise<boolean> {
  if (!env.COMPLAINTS) {
    console.error('complaint could not be stored and no COMPLAINTS queue is bound', describe(message));
    return false;
  }
  try {
    await env.COMPLAINTS.send(message);
    return true;
  } catch (error) {
    console.error('complaint could not be stored and the queue refused it', describe(message), error);
    return false;
  }
}

/** An addition that arrived before its complaint was stored: retried, as delivery order is not guaranteed. */
class ComplaintNotYetStored extends Error {}

/** Stores one message; throws when it cannot be stored yet (D1 failing, or its complaint not stored yet). */
async function storeComplaintMessage(
  env: Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN'>,
  message: ComplaintQueueMessage,
  now: number,
): Promise<void> {
  const db = env.DB;
  const settings = await getSettings(db);
  if (message.kind === 'complaint') {
    const queued = message.complaint;
    await db.batch(insertQueuedComplaintStatements(db, queued, now));
    const complaint = await getComplaint(db, queued.id);
    if (!complaint) throw new Error(`reason ${queued.reasonId} is not a reason of location ${queued.locationId}`);
    // Ids made from the complaint's: a message already queued (by this tap's own attempt, or an
    // earlier delivery) is not queued again, and only the ones queued now get their first attempt here.
    const outgoing = buildOutgoing(settings, complaint, 'complaint.created', message.origin, null, now, complaint.id);
    if (outgoing.length === 0) return;
    const results = await db.batch(outgoingStatements(db, outgoing, now));
    await sendNow(
      db,
      settings,
      deliveryPolicy(env, message.origin),
      outgoing.filter((_, i) => (results[i]?.meta.changes ?? 0) > 0),
      now,
    );
    return;
  }
  const complaint = await getComplaint(db, message.complaintId);
  if (!complaint) throw new ComplaintNotYetStored(`complaint ${message.complaintId} is not stored yet`);
  await sendNow(
    db,
    settings,
    deliveryPolicy(env, message.origin),
    await addDetails(db, complaint, message.details, settings, message.origin, now),
    now,
  );
}

/** Taps before additions, so an addition delivered in the same batch as its complaint finds it. */
const order = (m: Message<ComplaintQueueMessage>) => (m.body.kind === 'complaint' ? 0 : 1);

/** The consumer of the COMPLAINTS queue: each message stored, or retried later with growing delays. */
export async function storeComplaintBatch(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const messages = [...(batch.messages as readonly Message<ComplaintQueueMessage>[])].sort(
    (a, b) => order(a) - order(b),
  );
  for (const message of messages) {
    try {
      await storeComplaintMessage(env, message.body, Date.now());
      message.ack();
    } catch (error) {
      const log = error instanceof ComplaintNotYetStored ? console.warn : console.error;
      log('queued complaint not stored yet, will be retried', describe(message.body), message.attempts, String(error));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

/**
 * The consumer of the dead-letter queue, where a message lands after its deliveries on the main
 * queue failed: one more try each time, and every failure logged loudly and retried, so a
 * complaint is never dropped silently. Its last delivery (max_retries of this consumer, plus
 * one) logs everything the owner needs to enter it by hand, except the raw contact.
 */
const DEAD_LETTER_DELIVERIES = 101;

export async function retryDeadComplaints(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const messages = [...(batch.messages as readonly Message<ComplaintQueueMessage>[])].sort(
    (a, b) => order(a) - order(b),
  );
  for (const message of messages) {
    try {
      await storeComplaintMessage(env, message.body, Date.now());
      console.warn('queued complaint stored from the dead-letter queue', describe(message.body));
      message.ack();
    } catch (error) {
      if (message.attempts >= DEAD_LETTER_DELIVERIES) {
        console.error(
          'COMPLAINT LOST: not stored after every delivery; enter it by hand',
          JSON.stringify(withoutContact(message.body)),
          error,
        );
        message.ack();
      } else {
        console.error(
          'COMPLAINT NOT STORED: still failing in the dead-letter queue, will be retried',
          describe(message.body),
          message.attempts,
          error,
        );
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      }
    }
  }
}

/** What a log line says about a message: ids and times, no comment or contact. */
function describe(m: ComplaintQueueMessage): string {
  return m.kind === 'complaint'
    ? `complaint ${m.complaint.id} card ${m.complaint.code} reason ${m.complaint.reasonId} at ${new Date(m.complaint.createdAt).toISOString()}`
    : `details ${m.details.key} of complaint ${m.complaintId} at ${new Date(m.details.at).toISOString()}`;
}

function withoutContact(m: ComplaintQueueMessage): unknown {
  return m.kind === 'details' && m.details.contact
    ? { ...m, details: { ...m.details, contact: m.details.contact.masked } }
    : m;
}
