// The complaint page under `wrangler dev` on this machine, as ratios against baselines measured in
// the same run:
//  1. GET /c/<code> (card, location and reasons read from D1, the scan written after the response)
//     against GET /assets/public.css from the same Worker (no D1), alternating rounds;
//  2. one tap (POST /c/<code>: checks, the complaint and its outbox rows in one transaction) with a
//     webhook whose receiver takes 500 ms to answer, against the same tap with no channel set:
//     the ratio shows whether sending delays the customer (it should stay near 1).
//   npm run bench -- complaints      (or: node bench/complaints.mjs)
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { median, startApp } from './lib/server.mjs';

const APP_PORT = 8793;
const SLOW_RECEIVER_PORT = 18759;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TAPS = Number(process.env.BENCH_TAPS ?? 30);
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';

function load(url, seconds) {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { 'user-agent': UA } }).then((r) => {
    if (r['2xx'] !== r.requests.total || r.errors > 0)
      throw new Error(
        `${url}: expected only 200s, got ${JSON.stringify({ total: r.requests.total, '2xx': r['2xx'], non2xx: r.non2xx, errors: r.errors })}`,
      );
    return { rps: r.requests.average, p99: r.latency.p99 };
  });
}

async function ownerSession(baseUrl) {
  const login = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ email: 'demo@example.com', password: 'demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const page = await (await fetch(`${baseUrl}/admin/settings/complaints`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)[1] };
}

async function setWebhook(baseUrl, session, url) {
  const res = await fetch(`${baseUrl}/admin/settings/complaints`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, cookie: session.cookie },
    body: new URLSearchParams({
      _csrf: session.csrf,
      contactMode: 'store',
      responseTargetMinutes: '60',
      consentText: 'Согласие.',
      telegramApiBase: 'https://api.telegram.org',
      webhookUrl: url,
      webhookSecret: url ? 'bench' : '',
    }),
  });
  // Saved: a redirect, or (with a new webhook secret) the page that shows the secret once.
  if (res.status !== 303 && res.status !== 200) throw new Error(`settings not saved: ${res.status}`);
}

async function newCards(baseUrl, count) {
  const res = await fetch(`${baseUrl}/api/v1/batches`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
    body: JSON.stringify({ location: 'demo', count }),
  });
  return (await res.json()).cards.map((c) => c.code);
}

let visitor = 0;
/** One tap on a fresh card by a fresh visitor; returns the milliseconds until the 303. */
async function tap(baseUrl, code, reason) {
  visitor += 1;
  const started = performance.now();
  const res = await fetch(`${baseUrl}/c/${code}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: baseUrl,
      'user-agent': UA,
      'cf-connecting-ip': `10.${(visitor >> 8) & 255}.${visitor & 255}.7`,
    },
    body: new URLSearchParams({ reason, website: '' }),
  });
  const ms = performance.now() - started;
  if (res.status !== 303) throw new Error(`tap answered ${res.status}`);
  return ms;
}

export async function run({ log = console.log } = {}) {
  const slow = createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.writeHead(200).end('ok'), 500));
  });
  await new Promise((resolve) => slow.listen(SLOW_RECEIVER_PORT, '127.0.0.1', resolve));
  const app = await startApp({ port: APP_PORT });
  try {
    const [code] = await newCards(app.baseUrl, 1);
    const page = `${app.baseUrl}/c/${code}`;
    const css = `${app.baseUrl}/assets/public.css`;
    log(
      `complaint page: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, alternating with the stylesheet`,
    );
    await load(page, 2);
    try {
      await load(css, 2);
    } catch (error) {
      console.error(app.output().split('\n').slice(-40).join('\n'));
      throw error;
    }
    const results = { page: [], css: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 ? ['css', 'page'] : ['page', 'css'])
        results[name].push(await load(name === 'page' ? page : css, SECONDS));
    }
    const p = { rps: median(results.page.map((r) => r.rps)), p99: median(results.page.map((r) => r.p99)) };
    const c = { rps: median(results.css.map((r) => r.rps)), p99: median(results.css.map((r) => r.p99)) };
    log(`  GET /c/<code>          ${p.rps.toFixed(0)} req/s, p99 ${p.p99} ms`);
    log(`  GET /assets/public.css ${c.rps.toFixed(0)} req/s, p99 ${c.p99} ms (baseline)`);
    log(
      `  complaint page throughput = ${(p.rps / c.rps).toFixed(2)} x baseline; p99 ${(p.p99 / Math.max(c.p99, 1)).toFixed(2)} x`,
    );

    const session = await ownerSession(app.baseUrl);
    const cards = await newCards(app.baseUrl, TAPS * 2);
    const times = { quiet: [], slowHook: [] };
    // Blocks of five taps, alternating the setting, so both conditions share the machine's drift.
    for (let i = 0; i < TAPS * 2; i += 5) {
      const condition = (i / 5) % 2 ? 'slowHook' : 'quiet';
      await setWebhook(
        app.baseUrl,
        session,
        condition === 'slowHook' ? `http://127.0.0.1:${SLOW_RECEIVER_PORT}/hook` : '',
      );
      for (const card of cards.slice(i, i + 5)) {
        const pageHtml = await (await fetch(`${app.baseUrl}/c/${card}`)).text();
        times[condition].push(await tap(app.baseUrl, card, /name="reason" value="(\d+)"/.exec(pageHtml)[1]));
      }
    }
    const q = median(times.quiet);
    const s = median(times.slowHook);
    log(`one tap (POST /c/<code>), ${TAPS} taps each, median:`);
    log(`  no channel (baseline)         ${q.toFixed(1)} ms`);
    log(`  webhook answering in 500 ms   ${s.toFixed(1)} ms`);
    log(`  tap with a slow webhook = ${(s / q).toFixed(2)} x baseline (sending happens after the response)`);
  } finally {
    app.stop();
    slow.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
