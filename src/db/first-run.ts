/** What a new deployment has done so far, for the owner's first-run checklist (one read). */
interface FirstRunFacts {
  locationWithLink: boolean;
  batchPrinted: boolean;
  scanSeen: boolean;
  /** a notification reached a channel: a real one, or a test recorded in the settings */
  notificationSent: boolean;
  consentReviewed: boolean;
  notificationTested: boolean;
}

export async function firstRunFacts(db: D1Database): Promise<FirstRunFacts> {
  const row = await db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM review_links r JOIN locations l ON l.id = r.location_id WHERE l.archived_at IS NULL) AS locationWithLink,
              EXISTS (SELECT 1 FROM batches) AS batchPrinted,
              EXISTS (SELECT 1 FROM scans WHERE is_bot = 0) AS scanSeen,
              EXISTS (SELECT 1 FROM notifications WHERE status = 'sent') AS notificationSent,
              EXISTS (SELECT 1 FROM settings WHERE key = 'consentReviewedAt' AND CAST(value AS INTEGER) > 0) AS consentReviewed,
              EXISTS (SELECT 1 FROM settings WHERE key = 'notificationTestAt' AND CAST(value AS INTEGER) > 0) AS notificationTested`,
    )
    .first<Record<keyof FirstRunFacts, number>>();
  const facts = {
    locationWithLink: false,
    batchPrinted: false,
    scanSeen: false,
    notificationSent: false,
    consentReviewed: false,
    notificationTested: false,
  };
  for (const key of Object.keys(facts) as (keyof FirstRunFacts)[]) facts[key] = row?.[key] === 1;
  return facts;
}
