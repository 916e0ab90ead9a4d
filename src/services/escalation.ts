import { escalateStatements, getComplaint, listDueForEscalation } from '../db/complaints';
import { getSettings } from '../db/settings';
import { isOpenAt } from '../domain/working-time';
import type { Bindings } from '../env';
import { buildOutgoing, configuredChannels, deliveryPolicy, outgoingStatements, sendNow } from './notify';

/**
 * Escalation: a complaint nobody has answered by its due time gets a second notification, once,
 * to the escalation chat (or the main one) and the webhook as `complaint.overdue`. The cron runs
 * it every minute and reads only what is due (see README, "Escalation", for why a cron and not a
 * Durable Object alarm per complaint).
 *
 * Due times fall inside working hours, so a run on time escalates while the location is open. A
 * complaint found late (the cron missed its minute, or it fell due at closing time) waits for the
 * location to open again, so nobody is woken at night: within GRACE_MS of the due time it still goes.
 */
const GRACE_MS = 5 * 60_000;
/** The cron expression of the every-minute trigger (wrangler.toml): the scheduled handler runs only this on it. */
export const EVERY_MINUTE = '* * * * *';
const BATCH = 50;

export async function escalateOverdue(
  env: Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN'>,
  now: number,
): Promise<{ escalated: number }> {
  const db = env.DB;
  const due = await listDueForEscalation(db, now, BATCH);
  const ready = due.filter((d) => now - d.dueAt <= GRACE_MS || isOpenAt(d.schedule, now));
  if (ready.length === 0) return { escalated: 0 };
  const settings = await getSettings(db);
  const policy = deliveryPolicy(env);
  const origin = env.PUBLIC_ORIGIN ?? '';
  let escalated = 0;
  for (const { id } of ready) {
    const complaint = await getComplaint(db, id);
    if (!complaint) continue;
    // Claimed first: a complaint answered meanwhile, or taken by a parallel run, queues nothing.
    const [claimed] = await db.batch(escalateStatements(db, id, now));
    if ((claimed?.meta.changes ?? 0) === 0) continue;
    escalated++;
    if (configuredChannels(settings).length === 0) continue;
    const outgoing = buildOutgoing(settings, complaint, 'complaint.overdue', origin, null, now, `${id}-overdue`);
    const results = await db.batch(outgoingStatements(db, outgoing, now));
    await sendNow(
      db,
      settings,
      policy,
      outgoing.filter((_, i) => (results[i]?.meta.changes ?? 0) > 0),
      now,
    );
  }
  return { escalated };
}
