// The review redirect (/r/<code>: one D1 read, a 302, the scan written after the response)
// against a bare Hono Worker answering a fixed 302, both under `wrangler dev` on this machine's
// workerd, measured alternately in the same run. Prints req/s and p99 of each and their ratio.
//   npm run bench -- scans        (or: node bench/scans.mjs)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { fmt, median, startApp } from './lib/server.mjs';

const APP_PORT = 8795;
const BARE_PORT = 8796;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';

/** CPU time (ms) used so far by every process of a process group: wrangler's proxy, workerd, esbuild. */
function groupCpuMs(pgid) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

function pgidOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

async function startBare() {
  let output = '';
  const child = spawn(
    'wrangler',
    ['dev', '-c', 'bench/bare-redirect/wrangler.toml', '--ip', '127.0.0.1', '--port', String(BARE_PORT), '--show-interactive-dev-session=false'],
    { env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${BARE_PORT}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // gone already
    }
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/r/X`, { redirect: 'manual' })).status === 302) return { baseUrl, stop, pgid: child.pid };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`bare worker did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function load(url, seconds, connections = CONNECTIONS) {
  return autocannon({ url, connections, duration: seconds, headers: { 'user-agent': UA } }).then((r) => {
    if (r['3xx'] !== r.requests.total || r.errors > 0) {
      throw new Error(`${url}: expected only 302s, got ${JSON.stringify({ completed: r.requests.total, '3xx': r['3xx'], '4xx': r['4xx'], '5xx': r['5xx'], errors: r.errors })}`);
    }
    return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, count: r.requests.total };
  });
}

export async function run({ log = console.log } = {}) {
  const app = await startApp({ port: APP_PORT });
  let bare;
  try {
    bare = await startBare();
    const created = await fetch(`${app.baseUrl}/api/v1/batches`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: JSON.stringify({ location: 'demo', count: 1 }),
    }).then((r) => r.json());
    const code = created.cards[0].code;
    const targets = { app: `${app.baseUrl}/r/${code}`, bare: `${bare.baseUrl}/r/${code}` };

    log(`${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each, alternating; warm-up 2 s each`);
    await load(targets.app, 2);
    await load(targets.bare, 2);
    const results = { app: [], bare: [] };
    // CPU per request does not depend on what else the machine runs, unlike req/s and latency.
    const groups = { app: pgidOf(app.workerdPid), bare: bare.pgid };
    const cpu = { app: 0, bare: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so drift on a shared machine hits both alike.
      for (const name of round % 2 ? ['bare', 'app'] : ['app', 'bare']) {
        const before = groupCpuMs(groups[name]);
        results[name].push(await load(targets[name], SECONDS));
        cpu[name] += groupCpuMs(groups[name]) - before;
      }
    }
    const cpuPerRequest = (name) => cpu[name] / results[name].reduce((n, r) => n + r.count, 0);
    const summary = (name) => ({ rps: median(results[name].map((r) => r.rps)), p99: median(results[name].map((r) => r.p99)), p50: median(results[name].map((r) => r.p50)) });
    const a = summary('app');
    const b = summary('bare');
    log(`bare Hono 302      : ${b.rps.toFixed(0)} req/s, p50 ${fmt.ms(b.p50)}, p99 ${fmt.ms(b.p99)}`);
    log(`review redirect    : ${a.rps.toFixed(0)} req/s, p50 ${fmt.ms(a.p50)}, p99 ${fmt.ms(a.p99)}`);
    log(`throughput ratio   : ${(a.rps / b.rps).toFixed(2)} of the bare handler (target >= 0.80)`);
    log(`p99 ratio          : ${(a.p99 / b.p99).toFixed(2)}x the bare handler (target: p99 under 20 ms)`);
    log(`CPU per request    : bare ${fmt.ms(cpuPerRequest('bare'))}, redirect ${fmt.ms(cpuPerRequest('app'))} (all processes of each server; ratio ${(cpuPerRequest('bare') / cpuPerRequest('app')).toFixed(2)})`);

    // One phone at a time: the latency a customer sees when the server is not saturated.
    const single = { app: await load(targets.app, SECONDS, 1), bare: await load(targets.bare, SECONDS, 1) };
    log(`one connection     : bare p50 ${fmt.ms(single.bare.p50)}, p99 ${fmt.ms(single.bare.p99)}; redirect p50 ${fmt.ms(single.app.p50)}, p99 ${fmt.ms(single.app.p99)}`);

    // Every redirect served above left exactly one scan (warm-up included).
    const served = results.app.reduce((n, r) => n + r.count, 0) + single.app.count;
    const counts = await fetch(`${app.baseUrl}/api/v1/batches/${created.id}/scans`, { headers: { authorization: 'Bearer demo-token' } }).then((r) => r.json());
    log(`scans stored       : ${counts.scans.review.all} (timed rounds served ${served}, plus the warm-up)`);
    return { app: a, bare: b, ratio: a.rps / b.rps };
  } finally {
    bare?.stop();
    app.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
