// Support Index at scale: 1,000,000 scans and 100,000 complaints over two years for 20 locations
// in a local D1, then the page and the JSON for 30 days and a year, timed against a naive query
// that computes the same headline figures from the raw rows (node:sqlite on the same file).
// Batches are handed out over 7 days (cards spread over the window, as domain/hand-out.ts does),
// and the locations keep their days in their own zones (two thirds Moscow, the rest Novosibirsk
// and Vladivostok), so the triggers and the page follow the rules of migrations/0012.
//
// The rows are written straight into the SQLite file miniflare keeps for the local D1, before
// wrangler dev starts; the triggers of migrations/0004 fill the aggregates as they would in
// production. `npm run bench -- index`, or `node bench/support-index.mjs`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { cpuMsOf, startApp } from './lib/server.mjs';
import { prng } from '../scripts/prng.mjs';

const PORT = 8797;
const LOCATIONS = 20;
const DAYS = 730;
const SCANS = 1_000_000;
const COMPLAINTS = 100_000;
const DAY = 86_400_000;
const MSK = 10_800_000;
const HAND_OUT_DAYS = 7;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** domain/hand-out.ts's rule: each day floor(N/D), the first N mod D days one more, in card order. */
function servedDays(count, from, days) {
  const out = [];
  for (let d = 0; d < days; d++)
    for (let i = 0; i < Math.floor(count / days) + (d < count % days ? 1 : 0); i++) out.push(addDays(from, d));
  return out;
}
const REASONS = [
  'Опоздали с доставкой',
  'Товар повреждён',
  'Привезли не то',
  'Качество продукта',
  'Курьер был невежлив',
  'Другое',
];

const wrangler = (args, dir) =>
  execFileSync('npx', ['wrangler', ...args, '--local', '--persist-to', dir], {
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

function sqliteFile(dir) {
  const base = join(dir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(base).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  return join(base, file);
}

/** Two years of activity; cards, scans and complaints go in through the triggers. */
function seed(db, now) {
  const random = prng(7);
  const todayStart = Math.floor((now + MSK) / DAY) * DAY - MSK;
  const first = todayStart - (DAYS - 1) * DAY;
  db.exec('BEGIN');
  const location = db.prepare(
    `INSERT INTO locations (slug, name, address, created_at) VALUES (?, ?, '', ?) RETURNING id`,
  );
  const reason = db.prepare(
    'INSERT INTO complaint_reasons (location_id, label, position, created_at) VALUES (?, ?, ?, ?) RETURNING id',
  );
  const locations = [];
  for (let l = 1; l <= LOCATIONS; l++) {
    const id = location.get(`bench-${l}`, `Точка ${l}`, first).id;
    locations.push({ id, reasons: REASONS.map((label, i) => reason.get(id, label, i, first).id) });
  }
  // A third of the locations in other zones; their offsets are fixed since 2014, as the Worker copies them.
  for (const [i, loc] of locations.entries()) {
    const zone = [null, 'Asia/Novosibirsk', 'Asia/Vladivostok'][i % 3];
    if (!zone) continue;
    db.prepare('UPDATE locations SET time_zone = ? WHERE id = ?').run(zone, loc.id);
    db.prepare('UPDATE location_offsets SET offset_seconds = ? WHERE location_id = ?').run(
      zone === 'Asia/Novosibirsk' ? 25200 : 36000,
      loc.id,
    );
  }
  // «Другое» is the catch-all, as migration 0011 marks it: the page leaves it out of the top 3.
  db.exec(`UPDATE complaint_reasons SET is_catch_all = 1 WHERE label = 'Другое'`);
  const orders = db.prepare(
    `INSERT INTO orders_counts (location_id, day, count, updated_by, updated_at) VALUES (?, ?, ?, 'bench', ?)`,
  );
  const batch = db.prepare(
    `INSERT INTO batches (id, location_id, template, format, card_count, created_by, created_at, hand_out_from, hand_out_to) VALUES (?, ?, 'classic', 'a4-4up', ?, 'bench', ?, ?, ?)`,
  );
  const card = db.prepare(
    'INSERT INTO cards (code, batch_id, location_id, position, served_day) VALUES (?, ?, ?, ?, ?)',
  );
  const scan = db.prepare(
    `INSERT INTO scans (card_code, location_id, batch_id, kind, created_at, device, is_bot) VALUES (?, ?, ?, ?, ?, 'mobile', ?)`,
  );
  const complaint =
    db.prepare(`INSERT INTO complaints (id, card_code, location_id, batch_id, reason_id, reason_label, status, created_at, updated_at, first_response_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const reviewCount = db.prepare(
    `INSERT INTO review_counts (location_id, period_start, day, positive, total, created_by, created_at) VALUES (?, ?, ?, ?, NULL, 'bench', ?)`,
  );
  // One batch a day per location; enough cards that the scans and complaints land on real cards.
  const cardsPerBatch = 30;
  const cards = [];
  let cardNo = 0;
  for (let d = 0; d < DAYS; d++) {
    const at = first + d * DAY + 9 * 3600_000;
    const day = new Date(at + MSK).toISOString().slice(0, 10);
    for (const loc of locations) {
      const batchId = `bb-${d}-${loc.id}`;
      const days = servedDays(cardsPerBatch, day, HAND_OUT_DAYS);
      batch.run(batchId, loc.id, cardsPerBatch, at, day, addDays(day, HAND_OUT_DAYS - 1));
      for (let p = 1; p <= cardsPerBatch; p++) {
        const code = `C${(cardNo++).toString(32).toUpperCase().padStart(9, '0')}`;
        card.run(code, batchId, loc.id, p, days[p - 1]);
        cards.push({ code, batchId, loc, at });
      }
      reviewCount.run(loc.id, day, day, Math.floor(random() * 4), at);
      // Orders entered for two days in three, so orders mode has uncovered days to leave out.
      if (d % 3 !== 0) orders.run(loc.id, day, 25 + Math.floor(random() * 10), at);
    }
  }
  const pickCard = () => cards[Math.floor(random() * cards.length)];
  const later = (c) => Math.min(now - 60_000, c.at + Math.floor(random() * 3 * DAY));
  for (let i = 0; i < SCANS; i++) {
    const c = pickCard();
    scan.run(c.code, c.loc.id, c.batchId, random() < 0.85 ? 'review' : 'complaint', later(c), random() < 0.1 ? 1 : 0);
  }
  for (let i = 0; i < COMPLAINTS; i++) {
    const c = pickCard();
    const createdAt = later(c);
    const r = Math.floor(random() * REASONS.length);
    const answered = random() < 0.97;
    const firstResponse = answered ? createdAt + Math.floor(random() * 180 * 60_000) : null;
    complaint.run(
      `bc-${i}`,
      c.code,
      c.loc.id,
      c.batchId,
      c.loc.reasons[r],
      REASONS[r],
      answered ? 'resolved' : 'open',
      createdAt,
      firstResponse ?? createdAt,
      firstResponse,
    );
  }
  db.exec('COMMIT');
  return { first };
}

/**
 * The headline figures straight from the raw rows, as a page without aggregates would compute them:
 * each event on its location's local day (one offset per location here, as seeded).
 */
function naive(db, fromMs, toMs, fromDay, toDay) {
  const local = (column, table) =>
    `date(${table}.${column} / 1000 + (SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = ${table}.location_id ORDER BY o.starts_at DESC LIMIT 1), 'unixepoch')`;
  // Local days run from UTC-12 to UTC+14: the moments of the period lie within this wider range.
  const wide = [fromMs - 14 * 3600_000, toMs + 12 * 3600_000, fromDay, toDay];
  const one = (sql) => db.prepare(sql).get(...wide);
  const served = db
    .prepare(`SELECT COUNT(*) AS n FROM cards c JOIN batches b ON b.id = c.batch_id
    WHERE c.served_day BETWEEN ?1 AND ?2 AND c.voided_at IS NULL AND b.voided_at IS NULL`)
    .get(fromDay, toDay).n;
  const scans = one(`SELECT SUM(kind = 'review') AS review, SUM(kind = 'review' AND is_bot = 0) AS reviewHuman,
    SUM(kind = 'complaint') AS complaint FROM scans s WHERE created_at >= ?1 AND created_at < ?2 AND ${local('created_at', 's')} BETWEEN ?3 AND ?4`);
  const unique = db
    .prepare(`SELECT COUNT(*) AS n FROM (SELECT MIN(created_at) AS created_at, location_id FROM scans WHERE kind = 'review' AND is_bot = 0
    GROUP BY card_code) f WHERE ${local('created_at', 'f')} BETWEEN ?1 AND ?2`)
    .get(fromDay, toDay).n;
  const complaints = one(
    `SELECT COUNT(*) AS n FROM complaints k WHERE created_at >= ?1 AND created_at < ?2 AND ${local('created_at', 'k')} BETWEEN ?3 AND ?4`,
  ).n;
  // With the first complaint of each reason, which breaks the page's ties.
  const byReason = db
    .prepare(
      `SELECT reason_label, COUNT(*) AS n, MIN(created_at) AS firstAt FROM complaints k WHERE created_at >= ?1 AND created_at < ?2 AND ${local('created_at', 'k')} BETWEEN ?3 AND ?4 GROUP BY reason_label`,
    )
    .all(...wide);
  const trend = db
    .prepare(
      `SELECT ${local('created_at', 's')} AS day, COUNT(*) FROM scans s WHERE created_at >= ?1 AND created_at < ?2 GROUP BY day`,
    )
    .all(...wide.slice(0, 2));
  return { served, ...scans, unique, complaints, reasons: byReason.length, days: trend.length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** wrangler dev reloads when a source file changes; a request cut by a reload is run again. */
async function retrying(fn) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

/**
 * The median wall time of `runs` warm runs, and the CPU each took on average by `cpu()` (ms of
 * CPU of the process that does the work): on a busy machine wall time grows with the load, CPU
 * time much less.
 */
async function timeIt(fn, runs = 9, cpu = () => 0) {
  for (let i = 0; i < 2; i++) await retrying(fn);
  const times = [];
  const cpuBefore = cpu();
  for (let i = 0; i < runs; i++) {
    await retrying(async () => {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    });
  }
  return { ms: median(times), cpuMs: (cpu() - cpuBefore) / runs };
}

const nodeCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export async function run({ log }) {
  // SI_BENCH_DIR keeps the seeded database between runs (seeding takes minutes); by default a
  // fresh temporary one is made and removed.
  const keep = process.env.SI_BENCH_DIR;
  const reuse = keep !== undefined && existsSync(join(keep, 'seeded'));
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'si-index-bench-'));
  let app;
  try {
    const now = Date.now();
    let db;
    if (reuse) {
      db = new DatabaseSync(sqliteFile(dir));
      log(`reusing the seeded database in ${dir}`);
    } else {
      log('preparing a local D1 (migrations, demo owner)…');
      mkdirSync(dir, { recursive: true });
      wrangler(['d1', 'migrations', 'apply', 'DB'], dir);
      execFileSync('bash', ['-c', `node scripts/seed-demo.mjs > ${join(dir, 'seed.sql')}`]);
      wrangler(['d1', 'execute', 'DB', '--file', join(dir, 'seed.sql')], dir);
      const file = sqliteFile(dir);
      const t = performance.now();
      db = new DatabaseSync(file);
      seed(db, now);
      writeFileSync(join(dir, 'seeded'), String(now));
      log(
        `seeded ${SCANS.toLocaleString('en')} scans, ${COMPLAINTS.toLocaleString('en')} complaints, ${(LOCATIONS * DAYS * 30).toLocaleString('en')} cards over ${DAYS} days for ${LOCATIONS} locations through the triggers in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    const rows = db.prepare('SELECT COUNT(*) AS n FROM daily_stats').get().n;
    log(`daily_stats rows: ${rows.toLocaleString('en')}`);

    app = await startApp({ port: PORT, persistDir: dir });
    const login = await fetch(`${app.baseUrl}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.baseUrl },
      body: new URLSearchParams({ email: 'demo@example.com', password: 'demo' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    if (login.status !== 303 || !cookie) throw new Error(`login failed: ${login.status}`);

    const today = new Date(now + MSK).toISOString().slice(0, 10);
    const dayStart = (day) => Date.parse(`${day}T00:00:00Z`) - MSK;
    const back = (n) => new Date(Date.parse(`${today}T00:00:00Z`) - (n - 1) * DAY).toISOString().slice(0, 10);
    const workerdCpu = () => cpuMsOf(app.workerdPid) ?? 0;
    log(
      '\nrange   page ms   JSON ms   orders JSON ms   naive SQL ms   page/naive   JSON/naive   orders/naive   (medians of 9, warm)',
    );
    const cpuLines = [];
    for (const [label, days] of [
      ['30d', 30],
      ['365d', 365],
    ]) {
      const from = back(days);
      const { ms: page } = await timeIt(async () => {
        const res = await fetch(`${app.baseUrl}/admin?period=${label}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`page ${res.status}`);
        await res.text();
      });
      let json;
      const { ms: api, cpuMs: apiCpu } = await timeIt(
        async () => {
          const res = await fetch(`${app.baseUrl}/api/v1/support-index?from=${from}&to=${today}`, {
            headers: { authorization: 'Bearer demo-token' },
          });
          json = await res.json();
        },
        15,
        workerdCpu,
      );
      // Orders mode: every share over the days that have an orders count only.
      const { ms: ordersApi } = await timeIt(async () => {
        const res = await fetch(`${app.baseUrl}/api/v1/support-index?from=${from}&to=${today}&denominator=orders`, {
          headers: { authorization: 'Bearer demo-token' },
        });
        if (res.status !== 200) throw new Error(`orders JSON ${res.status}`);
        await res.json();
      });
      let raw;
      const { ms: naiveMs, cpuMs: naiveCpu } = await timeIt(
        async () => {
          raw = naive(db, dayStart(from), dayStart(today) + DAY, from, today);
        },
        5,
        nodeCpuMs,
      );
      cpuLines.push(
        `${label.padEnd(6)} ${apiCpu.toFixed(1).padStart(12)} ${naiveCpu.toFixed(1).padStart(14)} ${(apiCpu / naiveCpu).toFixed(4).padStart(12)}`,
      );
      log(
        `${label.padEnd(6)} ${page.toFixed(1).padStart(8)} ${api.toFixed(1).padStart(9)} ${ordersApi.toFixed(1).padStart(16)} ${naiveMs.toFixed(1).padStart(14)} ${(page / naiveMs).toFixed(3).padStart(12)} ${(api / naiveMs).toFixed(3).padStart(12)} ${(ordersApi / naiveMs).toFixed(3).padStart(14)}`,
      );
      // The aggregates must give what the raw rows give (the demo location's own activity included).
      const same =
        json.customersServed === raw.served &&
        json.reviewScans === raw.review &&
        json.reviewScansHuman === raw.reviewHuman &&
        json.uniqueReviewCards === raw.unique &&
        json.complaints === raw.complaints &&
        json.complaintScans === raw.complaint;
      log(
        `       JSON equals the raw recomputation: ${same ? 'yes' : `NO ${JSON.stringify({ json, raw })}`} (customers ${json.customersServed}, review scans ${json.reviewScans}, unique cards ${json.uniqueReviewCards}, complaints ${json.complaints})`,
      );
      if (!same) process.exitCode = 1;
    }
    log('\nCPU per request (workerd, the local D1 included; the naive SQL in node), averaged over 15 and 5 warm runs:');
    log('range   JSON CPU ms   naive CPU ms   JSON/naive');
    for (const line of cpuLines) log(line);
    db.close();
  } finally {
    app?.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run({ log: console.log });
