import type { LinkedPerson, MessengerChannel, MessengerLink } from '../domain/messenger-links';

/** A fresh one-time code for this person; older codes of theirs stop working. */
export async function saveLinkCode(
  db: D1Database,
  userId: string,
  code: string,
  expiresAt: number,
  now: number,
): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM messenger_link_codes WHERE user_id = ?1 OR expires_at < ?2').bind(userId, now),
    db
      .prepare('INSERT INTO messenger_link_codes (code, user_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)')
      .bind(code, userId, expiresAt, now),
  ]);
}

/** The person's current code, if it is still valid (the page shows the link again). */
export async function currentLinkCode(db: D1Database, userId: string, now: number): Promise<string | null> {
  const row = await db
    .prepare(
      'SELECT code FROM messenger_link_codes WHERE user_id = ?1 AND expires_at >= ?2 ORDER BY created_at DESC LIMIT 1',
    )
    .bind(userId, now)
    .first<{ code: string }>();
  return row?.code ?? null;
}

/**
 * Uses up a code: links the messenger user to the code's account (taking the user over from any
 * other account) and deletes the code, in one transaction. Returns the account, or null when the
 * code is unknown, expired or belongs to a disabled account.
 */
export async function redeemLinkCode(
  db: D1Database,
  code: string,
  link: { channel: MessengerChannel; externalUserId: string; externalName: string },
  now: number,
): Promise<LinkedPerson | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.name, u.email FROM messenger_link_codes c JOIN users u ON u.id = c.user_id
        WHERE c.code = ?1 AND c.expires_at >= ?2 AND u.disabled_at IS NULL`,
    )
    .bind(code, now)
    .first<{ id: string; name: string; email: string }>();
  if (!row) return null;
  const results = await db.batch([
    db.prepare('DELETE FROM messenger_link_codes WHERE code = ?1').bind(code),
    db
      .prepare(
        `INSERT INTO messenger_links (channel, external_user_id, user_id, external_name, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE changes() > 0
         ON CONFLICT (channel, external_user_id) DO UPDATE SET user_id = excluded.user_id, external_name = excluded.external_name, created_at = excluded.created_at`,
      )
      .bind(link.channel, link.externalUserId, row.id, link.externalName, now),
  ]);
  // Two presses of one link at once: only the one that deleted the code links.
  if ((results[1]?.meta.changes ?? 0) === 0) return null;
  return { userId: row.id, name: row.name || row.email };
}

/** Who a messenger user is in the app, or null when they have not linked an (enabled) account. */
export async function linkedPerson(
  db: D1Database,
  channel: MessengerChannel,
  externalUserId: string,
): Promise<LinkedPerson | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.name, u.email FROM messenger_links l JOIN users u ON u.id = l.user_id
        WHERE l.channel = ?1 AND l.external_user_id = ?2 AND u.disabled_at IS NULL`,
    )
    .bind(channel, externalUserId)
    .first<{ id: string; name: string; email: string }>();
  return row ? { userId: row.id, name: row.name || row.email } : null;
}

export async function listMessengerLinks(db: D1Database, userId: string): Promise<MessengerLink[]> {
  const { results } = await db
    .prepare(
      'SELECT channel, external_user_id, external_name, created_at FROM messenger_links WHERE user_id = ?1 ORDER BY channel, created_at',
    )
    .bind(userId)
    .all<{ channel: MessengerChannel; external_user_id: string; external_name: string; created_at: number }>();
  return results.map((r) => ({
    channel: r.channel,
    externalUserId: r.external_user_id,
    externalName: r.external_name,
    createdAt: r.created_at,
  }));
}

export async function deleteMessengerLinks(db: D1Database, userId: string, channel: MessengerChannel): Promise<void> {
  await db.prepare('DELETE FROM messenger_links WHERE user_id = ?1 AND channel = ?2').bind(userId, channel).run();
}
