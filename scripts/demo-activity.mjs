// 90 days of plausible activity for the demo location, as SQL for `wrangler d1 execute --file`:
// a batch of cards a day, review and complaint scans, complaints with reasons (most answered),
// and recorded positive reviews, so a first `npm start` shows a living Support Index page.
//
// Deterministic (seeded PRNG) and idempotent: it runs once, and never if the demo location
// already has batches. The SQL cannot ask first, so every statement is guarded by a
// 'demo_activity_pending' settings row that the first statement creates and the last removes.

import { prng } from './prng.mjs';

const DAY = 86_400_000;
const MSK = 3 * 3600_000; // the deployment's day is Moscow time (see src/domain/period.ts)
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DEMO_REASONS = [
  'Опоздали с доставкой',
  'Товар повреждён',
  'Привезли не то',
  'Качество продукта',
  'Курьер был невежлив',
  'Другое',
];
// How often each reason is picked: late delivery and damage dominate, as they do in delivery.
const REASON_WEIGHTS = [38, 22, 14, 13, 5, 8];

const q = (value) =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'number'
      ? String(value)
      : `'${String(value).replace(/'/g, "''")}'`;
const LOCATION = `(SELECT id FROM locations WHERE slug = 'demo')`;
const PENDING = `EXISTS (SELECT 1 FROM settings WHERE key = 'demo_activity_pending')`;

/** Multi-row inserts guarded by the pending flag, 200 rows a statement (D1 caps statement size). */
function inserts(table, columns, expressions, rows) {
  const out = [];
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows
      .slice(i, i + 200)
      .map((row) => `(${row.map(q).join(', ')})`)
      .join(',\n  ');
    out.push(
      `INSERT INTO ${table} (${columns.join(', ')})\nSELECT ${expressions.join(', ')} FROM (VALUES\n  ${values}) WHERE ${PENDING};`,
    );
  }
  return out;
}

/** SQL statements seeding the demo activity, ending at `now`. */
export function demoActivitySql(now, seed = 20260301) {
  const random = prng(seed);
  const between = (lo, hi) => lo + random() * (hi - lo);
  const code = () => Array.from({ length: 10 }, () => CODE_ALPHABET[Math.floor(random() * 32)]).join('');
  const pickReason = () => {
    let roll = random() * REASON_WEIGHTS.reduce((a, b) => a + b, 0);
    for (const [i, w] of REASON_WEIGHTS.entries()) if ((roll -= w) < 0) return i;
    return REASON_WEIGHTS.length - 1;
  };
  const todayStart = Math.floor((now + MSK) / DAY) * DAY - MSK; // midnight in Moscow
  const batches = [];
  const cards = [];
  const scans = [];
  const complaints = [];
  const reviewCounts = [];
  const reviews = [];
  let complaintNo = 0;

  for (let ago = 89; ago >= 0; ago--) {
    const dayStart = todayStart - ago * DAY;
    const day = new Date(dayStart + MSK).toISOString().slice(0, 10);
    // The business gets better over the quarter: more reviews, fewer complaints.
    const progress = (89 - ago) / 89;
    const weekend = new Date(dayStart + MSK).getUTCDay() % 6 === 0;
    const printedAt = dayStart + 9 * 3600_000 + Math.floor(random() * 3600_000);
    if (printedAt > now) continue;
    const batchId = `demo-b-${String(90 - ago).padStart(3, '0')}`;
    const count = Math.round(between(20, 60) * (weekend ? 1.2 : 1));
    batches.push([batchId, 'classic', 'a4-4up', count, 'demo@example.com', printedAt]);
    let positive = 0;
    for (let position = 1; position <= count; position++) {
      const cardCode = code();
      cards.push([cardCode, batchId, position]);
      // The card reaches the customer within hours; scans come over the next days.
      const scanAt = () => Math.min(now - 60_000, printedAt + Math.floor(between(2, 60) * 3600_000));
      if (random() < 0.08 + 0.07 * progress) {
        const at = scanAt();
        if (at > printedAt) {
          scans.push([cardCode, batchId, 'review', at, 'mobile', 'RU', 0]);
          if (random() < 0.15) scans.push([cardCode, batchId, 'review', at + 40_000, 'mobile', 'RU', 0]);
          if (random() < 0.62) positive += 1;
        }
      }
      if (random() < 0.05) scans.push([cardCode, batchId, 'review', printedAt + 600_000, 'bot', null, 1]); // link previews
      if (random() < 0.045 - 0.02 * progress) {
        const at = scanAt();
        if (at > printedAt) {
          scans.push([cardCode, batchId, 'complaint', at, 'mobile', 'RU', 0]);
          if (random() < 0.78) {
            const createdAt = at + 30_000;
            const age = now - createdAt;
            const responded = age > DAY || random() < 0.4; // a few of the last day's still wait
            const firstResponseAt = responded
              ? Math.min(now - 30_000, createdAt + Math.floor(between(8, 150) * 60_000 * (random() < 0.1 ? 6 : 1)))
              : null;
            const resolved = firstResponseAt !== null && (age > 2 * DAY || random() < 0.4);
            const status = resolved ? 'resolved' : firstResponseAt !== null ? 'contacted' : 'open';
            const reason = pickReason();
            complaints.push([
              `demo-c-${String(++complaintNo).padStart(4, '0')}`,
              cardCode,
              batchId,
              DEMO_REASONS[reason],
              status,
              createdAt,
              firstResponseAt ?? createdAt,
              firstResponseAt,
              resolved ? firstResponseAt + 3600_000 : null,
              resolved ? (random() < 0.6 ? 'discount' : 'redelivery') : null,
              resolved ? 300 : null,
              // Due an hour after the complaint, as the app sets it (the demo location keeps no hours).
              createdAt + 3600_000,
            ]);
          }
        }
      }
    }
    // Positive reviews are recorded as daily counts, except the last fortnight imported as single reviews.
    if (ago >= 14) {
      if (positive > 0)
        reviewCounts.push([
          day,
          day,
          positive,
          positive + Math.floor(random() * 2),
          Math.round(between(4.4, 4.9) * 10) / 10,
          dayStart + 20 * 3600_000,
        ]);
    } else {
      for (let i = 0; i < positive; i++) {
        const rating = random() < 0.7 ? 5 : 4;
        reviews.push([
          day,
          rating,
          random() < 0.75 ? 'yandex_maps' : '2gis',
          `demo-${day}-${i}-${rating}`,
          dayStart + 21 * 3600_000,
        ]);
      }
      if (random() < 0.4)
        reviews.push([day, Math.ceil(random() * 3), 'yandex_maps', `demo-${day}-low`, dayStart + 21 * 3600_000]);
    }
  }

  // The newest complaints still wait for an answer, so the inbox and the page show someone waiting.
  for (const complaint of complaints.slice(-2)) {
    if (now - complaint[5] < 2 * DAY) {
      complaint.splice(4, 1, 'open');
      complaint.splice(7, 4, null, null, null, null);
    }
  }

  return [
    `INSERT INTO settings (key, value, updated_at)
     SELECT 'demo_activity_pending', '1', ${now}
      WHERE NOT EXISTS (SELECT 1 FROM batches WHERE location_id = ${LOCATION})
        AND NOT EXISTS (SELECT 1 FROM settings WHERE key IN ('demo_activity', 'demo_activity_pending'));`,
    ...inserts(
      'complaint_reasons',
      ['location_id', 'label', 'position', 'created_at'],
      [LOCATION, 'column1', 'column2', 'column3'],
      DEMO_REASONS.map((label, i) => [label, i, now]),
    ).map((s) =>
      s.replace(
        `WHERE ${PENDING}`,
        `WHERE ${PENDING} AND NOT EXISTS (SELECT 1 FROM complaint_reasons WHERE location_id = ${LOCATION})`,
      ),
    ),
    ...inserts(
      'batches',
      ['id', 'location_id', 'template', 'format', 'card_count', 'created_by', 'created_at'],
      ['column1', LOCATION, 'column2', 'column3', 'column4', 'column5', 'column6'],
      batches,
    ),
    ...inserts(
      'cards',
      ['code', 'batch_id', 'location_id', 'position'],
      ['column1', 'column2', LOCATION, 'column3'],
      cards,
    ),
    ...inserts(
      'scans',
      ['card_code', 'location_id', 'batch_id', 'kind', 'created_at', 'device', 'country', 'is_bot'],
      ['column1', LOCATION, 'column2', 'column3', 'column4', 'column5', 'column6', 'column7'],
      scans,
    ),
    ...inserts(
      'complaints',
      [
        'id',
        'card_code',
        'location_id',
        'batch_id',
        'reason_id',
        'reason_label',
        'status',
        'created_at',
        'updated_at',
        'first_response_at',
        'resolved_at',
        'compensation_kind',
        'compensation_amount',
        'due_at',
      ],
      [
        'column1',
        'column2',
        LOCATION,
        'column3',
        `(SELECT id FROM complaint_reasons WHERE location_id = ${LOCATION} AND label = column4 ORDER BY archived_at IS NOT NULL, position LIMIT 1)`,
        'column4',
        'column5',
        'column6',
        'column7',
        'column8',
        'column9',
        'column10',
        'column11',
        'column12',
      ],
      complaints,
    ),
    ...inserts(
      'review_counts',
      ['location_id', 'period_start', 'day', 'positive', 'total', 'average_rating', 'created_by', 'created_at'],
      [LOCATION, 'column1', 'column2', 'column3', 'column4', 'column5', `'demo@example.com'`, 'column6'],
      reviewCounts,
    ),
    ...inserts(
      'reviews',
      ['location_id', 'day', 'rating', 'platform', 'fingerprint', 'imported_by', 'created_at'],
      [LOCATION, 'column1', 'column2', 'column3', 'column4', `'demo@example.com'`, 'column5'],
      reviews,
    ),
    // The catch-all reason, as migration 0011 marks it for existing locations.
    `UPDATE complaint_reasons SET is_catch_all = 1 WHERE location_id = ${LOCATION} AND label = 'Другое';`,
    `UPDATE settings SET key = 'demo_activity' WHERE key = 'demo_activity_pending';`,
  ];
}
