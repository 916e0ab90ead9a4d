import { getComplaint, replyStatements } from '../db/complaints';
import { replyChange, type ReplyChange } from '../domain/complaint-reply';
import { buildOutgoing, outgoingStatements, type Outgoing } from './notify';

/** A complaint as db/ reads it, and the settings the messages are built from. */
type Complaint = NonNullable<Awaited<ReturnType<typeof getComplaint>>>;
type Settings = Parameters<typeof buildOutgoing>[0];

interface ReplyOutcome {
  /** what changed, or null when the reply was already this text */
  change: ReplyChange | null;
  complaint: Complaint;
  /** the webhook messages to send now (their first attempt) */
  outgoing: Outgoing[];
}

/**
 * Publishes, replaces or (with null) removes a complaint's public reply, records the change in
 * its timeline as `actor`, and queues `complaint.updated` for the webhook in the same
 * transaction. Telegram gets nothing: the people who answer are the ones who wrote it.
 */
export async function saveReply(
  db: D1Database,
  complaint: Complaint,
  reply: string | null,
  actor: string,
  settings: Settings,
  origin: string,
  now: number,
): Promise<ReplyOutcome> {
  const change = replyChange(complaint.reply, reply);
  if (change === null) return { change, complaint, outgoing: [] };
  const updated: Complaint = {
    ...complaint,
    reply,
    repliedAt: reply === null ? null : (complaint.repliedAt ?? now),
    updatedAt: now,
  };
  const outgoing = buildOutgoing(settings, updated, 'complaint.updated', origin, null, now).filter(
    (o) => o.row.channel === 'webhook',
  );
  const results = await db.batch([
    ...replyStatements(db, complaint.id, reply, change, actor, now),
    ...outgoingStatements(db, outgoing, now),
  ]);
  if ((results[0]?.meta.changes ?? 0) === 0)
    return { change: null, complaint: (await getComplaint(db, complaint.id)) ?? complaint, outgoing: [] };
  return { change, complaint: (await getComplaint(db, complaint.id)) ?? updated, outgoing };
}
