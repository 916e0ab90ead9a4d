// What the every-minute escalation cron costs: its query ("open, unanswered, not escalated, due by
// now") on SQLite (the engine under D1) with the real migrations, against a table of many
// complaints of which few are open, with and without the partial index `complaints_due`
// (migrations/0015). The figure to compare with a Durable Object alarm per complaint is the rows
// read per run: D1 bills rows read, a DO bills a request per alarm plus its storage writes.
//   npm run bench -- escalation      (or: node bench/escalation.mjs)
import { readdirSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';

const TOTAL = Number(process.env.BENCH_COMPLAINTS ?? 200_000);
const OPEN = Number(process.env.BENCH_OPEN ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const QUERY = `SELECT c.id, c.due_at FROM complaints c JOIN locations l ON l.id = c.location_id
  WHERE c.status = 'open' AND c.first_response_at IS NULL AND c.escalated_at IS NULL AND c.due_at <= ?
  ORDER BY c.due_at LIMIT 50`;

function database() {
  const db = new DatabaseSync(':memory:');
  const dir = new URL('../migrations/', import.meta.url);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    db.exec(readFileSync(new URL(file, dir), 'utf8'));
  db.exec(`INSERT INTO locations (id, slug, name, address, created_at) VALUES (1, 'demo', 'Demo', '', 0);
           INSERT INTO complaint_reasons (id, location_id, label, position, created_at) VALUES (1, 1, 'x', 0, 0);`);
  // Triggers keep the daily aggregates; they are not what is measured here.
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all())
    db.exec(`DROP TRIGGER "${name}"`);
  const now = Date.now();
  const insert = db.prepare(
    `INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, status, created_at, updated_at, first_response_at, due_at, escalated_at)
     VALUES (?, 'C', 1, 'b', 1, 'x', ?, ?, ?, ?, ?, ?)`,
  );
  db.exec('BEGIN');
  for (let i = 0; i < TOTAL; i++) {
    const open = i < OPEN;
    const created = now - (open ? i * 60_000 : 86_400_000 + i * 1000);
    // Of the open ones, those made in the last hour are not due yet; older ones were escalated already.
    insert.run(
      `k${i}`,
      open ? 'open' : 'resolved',
      created,
      created,
      open ? null : created + 600_000,
      created + 3_600_000,
      open && i >= 60 ? created + 3_600_000 : null,
    );
  }
  db.exec('COMMIT');
  return { db, now };
}

function time(db, now) {
  const statement = db.prepare(QUERY);
  statement.all(now);
  const start = process.hrtime.bigint();
  for (let i = 0; i < RUNS; i++) statement.all(now + i * 60_000);
  return Number(process.hrtime.bigint() - start) / 1e6 / RUNS;
}

export async function run({ log }) {
  const { db, now } = database();
  // Rows each access path walks at one run: the due rows through complaints_due, every open one through the status index.
  const dueRows = db
    .prepare(
      "SELECT COUNT(*) AS n FROM complaints WHERE status = 'open' AND first_response_at IS NULL AND escalated_at IS NULL AND due_at <= ?",
    )
    .get(now + 30 * 60_000).n;
  const openRows = db.prepare("SELECT COUNT(*) AS n FROM complaints WHERE status = 'open'").get().n;
  const plan = db
    .prepare(`EXPLAIN QUERY PLAN ${QUERY}`)
    .all(now)
    .map((r) => r.detail)
    .join('; ');
  const withIndex = time(db, now);
  db.exec('DROP INDEX complaints_due');
  const planWithout = db
    .prepare(`EXPLAIN QUERY PLAN ${QUERY}`)
    .all(now)
    .map((r) => r.detail)
    .join('; ');
  const withoutIndex = time(db, now);
  log(`${TOTAL} complaints, ${OPEN} open; ${RUNS} runs of the escalation query, one a simulated minute`);
  log(`rows walked half-way through: ${dueRows} through complaints_due, ${openRows} through the status index`);
  log(`with complaints_due:    ${withIndex.toFixed(3)} ms a run  (${plan})`);
  log(`without (status index): ${withoutIndex.toFixed(3)} ms a run  (${planWithout})`);
  return { withIndex, withoutIndex };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run({ log: console.log });
