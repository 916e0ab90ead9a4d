// The review redirect (/r/<code>) against a bare Hono Worker answering a fixed 302, each under
// `wrangler dev` on this machine's workerd, measured alternately in the same run:
//   - the app as deployed (the isolate keeps a minute's copy of the cards it has looked up),
//   - the app with CARD_CACHE_SECONDS=0 (one D1 read on every scan),
//   - the bare handler.
// Scans are spread over 1,000 cards of four printed batches, in a seeded random order, as the
// cards of a few delivery runs would be. Prints req/s, latency and CPU of each, and ratios.
//   npm run bench -- scans        (or: node bench/scans.mjs)
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { prng } from '../scripts/prng.mjs';
import { fmt, median, startApp, startWorker } from './lib/server.mjs';

const PORTS = { cached: 8795, uncached: 8797, bare: 8796 };
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** A steady rate well under what the bare handler sustains here: latency without a queue of requests. */
const STEADY_RATE = Number(process.env.BENCH_RATE ?? 25);
const BATCHES = 4;
const CARDS_PER_BATCH = 250;
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

/** Requests cycle through `paths` in order; every connection shares the one cursor. */
function load(baseUrl, paths, { seconds = SECONDS, connections = CONNECTIONS, rate } = {}) {
  let next = 0;
  const options = {
    url: baseUrl,
    connections,
    duration: seconds,
    headers: { 'user-agent': UA },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  };
  if (rate) options.overallRate = rate;
  return autocannon(options).then((r) => {
    if (r['3xx'] !== r.requests.total || r.errors > 0) {
      throw new Error(
        `${baseUrl}: expected only 302s, got ${JSON.stringify({ completed: r.requests.total, '3xx': r['3xx'], '4xx': r['4xx'], '5xx': r['5xx'], errors: r.errors })}`,
      );
    }
    return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, count: r.requests.total };
  });
}

/**
 * Requests at a steady pace (one every 1000/rate ms, each on its own schedule whether or not the
 * previous one has answered), as phones arrive: the latency a customer sees when the server is
 * busy but not saturated. autocannon's rate limit sends each second's requests in a burst.
 */
async function paced(baseUrl, paths, { rate, seconds = SECONDS }) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port } = new URL(baseUrl);
  const latencies = [];
  const one = (path) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request({ agent, hostname, port, path, headers: { 'user-agent': UA } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 302) return reject(new Error(`${baseUrl}${path}: ${res.statusCode}`));
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inFlight = [];
  let failure = null;
  for (let i = 0; i < total && !failure; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(one(paths[i % paths.length]).catch((error) => (failure ??= error)));
  }
  await Promise.all(inFlight);
  agent.destroy();
  if (failure) throw failure;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

/** Review scans stored for the printed batches, read through the API. */
async function storedScans(baseUrl, batches) {
  let total = 0;
  for (const batch of batches) {
    const counts = await fetch(`${baseUrl}/api/v1/batches/${batch.id}/scans`, {
      headers: { authorization: 'Bearer demo-token' },
    }).then((r) => r.json());
    total += counts.scans.review.all;
  }
  return total;
}

/** Waits until the queue has stored every scan of the load above (the count holds for 2 s); returns the wait in ms. */
async function drained(baseUrl, batches) {
  const started = Date.now();
  let last = -1;
  let steadySince = Date.now();
  while (Date.now() - started < 120_000) {
    const stored = await storedScans(baseUrl, batches);
    if (stored !== last) {
      last = stored;
      steadySince = Date.now();
    } else if (Date.now() - steadySince >= 2000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return steadySince - started;
}

async function printBatches(baseUrl) {
  const batches = [];
  for (let i = 0; i < BATCHES; i++) {
    const res = await fetch(`${baseUrl}/api/v1/batches`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: JSON.stringify({ location: 'demo', count: CARDS_PER_BATCH }),
    });
    if (res.status !== 201) throw new Error(`printing failed: ${res.status} ${await res.text()}`);
    batches.push(await res.json());
  }
  return batches;
}

export async function run({ log = console.log } = {}) {
  const servers = {};
  try {
    // One after the other: each start seeds its own local D1.
    servers.cached = await startApp({ port: PORTS.cached });
    servers.uncached = await startApp({ port: PORTS.uncached, vars: { CARD_CACHE_SECONDS: '0' } });
    const startBare = () => startWorker({ config: 'bench/bare-redirect/wrangler.toml', port: PORTS.bare });
    servers.bare = await startBare();

    const batches = {
      cached: await printBatches(servers.cached.baseUrl),
      uncached: await printBatches(servers.uncached.baseUrl),
    };
    const shuffle = (codes) => {
      const random = prng(20261123);
      const paths = codes.map((code) => `/r/${code}`);
      for (let i = paths.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [paths[i], paths[j]] = [paths[j], paths[i]];
      }
      return paths;
    };
    const paths = {
      cached: shuffle(batches.cached.flatMap((b) => b.cards.map((c) => c.code))),
      uncached: shuffle(batches.uncached.flatMap((b) => b.cards.map((c) => c.code))),
    };
    paths.bare = paths.cached;
    const names = ['cached', 'uncached', 'bare'];
    // wrangler dev itself now and then fails under sustained load on this machine (an empty
    // "[ERROR]", or 500s while it restarts the runtime). The baseline keeps no state: it is
    // started again and the phase repeated, once. A failure of the app ends the run.
    const phase = async (name, measure) => {
      try {
        return await measure(servers[name]);
      } catch (error) {
        const output = servers[name].output().slice(-3000);
        if (name !== 'bare') throw new Error(`${error.message}\n--- ${name} server output (end) ---\n${output}`);
        log(`(the bare server's wrangler failed during a phase: started again, the phase repeated)`);
        servers.bare.stop();
        servers.bare = await startBare();
        return measure(servers.bare);
      }
    };
    const timed = (name, options) => phase(name, (server) => load(server.baseUrl, paths[name], options));

    log(`${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each, in rotating order; warm-up 2 s each`);
    log(`scans spread over ${BATCHES * CARDS_PER_BATCH} cards of ${BATCHES} batches`);
    for (const name of names) await timed(name, { seconds: 2 });

    const results = { cached: [], uncached: [], bare: [] };
    const cpu = { cached: 0, uncached: 0, bare: 0 };
    const cpuCounted = { cached: 0, uncached: 0, bare: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate which goes first, so drift on a shared machine hits all alike.
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length];
        const server = servers[name];
        const group = pgidOf(server.workerdPid);
        const before = groupCpuMs(group);
        const result = await timed(name);
        results[name].push(result);
        // A phase repeated on a restarted server has no CPU figure of its own.
        if (servers[name] === server) {
          cpu[name] += groupCpuMs(group) - before;
          cpuCounted[name] += result.count;
        }
      }
    }
    const summary = (name) => ({
      rps: median(results[name].map((r) => r.rps)),
      p99: median(results[name].map((r) => r.p99)),
      p50: median(results[name].map((r) => r.p50)),
      cpu: cpu[name] / cpuCounted[name],
    });
    const s = Object.fromEntries(names.map((name) => [name, summary(name)]));
    const line = (label, x) =>
      `${label.padEnd(26)}: ${x.rps.toFixed(0)} req/s, p50 ${fmt.ms(x.p50)}, p99 ${fmt.ms(x.p99)}, CPU ${fmt.ms(x.cpu)} a request`;
    log(line('bare Hono 302', s.bare));
    log(line('review redirect', s.cached));
    log(line('  reading D1 on every scan', s.uncached));
    log(
      `throughput ratio          : ${(s.cached.rps / s.bare.rps).toFixed(2)} of the bare handler (target >= 0.80); ${(s.uncached.rps / s.bare.rps).toFixed(2)} reading D1 on every scan`,
    );
    log(
      `CPU ratio (bare / ours)   : ${(s.bare.cpu / s.cached.cpu).toFixed(2)}; ${(s.bare.cpu / s.uncached.cpu).toFixed(2)} reading D1 on every scan (all processes of each server)`,
    );

    // Latency a customer sees when the server is not saturated: a steady pace, and one phone at a
    // time, once the queue has stored the scans of the saturating rounds (locally its consumer
    // writes to D1 in the same process and would compete with the redirects).
    for (const name of ['cached', 'uncached']) {
      log(
        `queue drained (${name.padEnd(8)}) : ${((await drained(servers[name].baseUrl, batches[name])) / 1000).toFixed(1)} s after the rounds`,
      );
    }
    // A stall of the shared machine lasting 100-250 ms delays every request paced into it, so each
    // server is paced three times, interleaved, and the median p99 is printed.
    const latency = [
      [
        `steady ${STEADY_RATE} req/s (median of 3)`,
        (name) => phase(name, (server) => paced(server.baseUrl, paths[name], { rate: STEADY_RATE, seconds: 10 })),
        3,
      ],
      ['one connection', (name) => timed(name, { connections: 1 }), 1],
    ];
    for (const [label, measure, repeats] of latency) {
      const runs = { cached: [], uncached: [], bare: [] };
      for (let i = 0; i < repeats; i++) for (const name of names) runs[name].push(await measure(name));
      const r = Object.fromEntries(
        names.map((name) => [
          name,
          { p99: median(runs[name].map((x) => x.p99)), p50: median(runs[name].map((x) => x.p50)) },
        ]),
      );
      log(
        `${label}: p99 bare ${fmt.ms(r.bare.p99)}, redirect ${fmt.ms(r.cached.p99)}, reading D1 ${fmt.ms(r.uncached.p99)} ` +
          `(p50 ${fmt.ms(r.bare.p50)}, ${fmt.ms(r.cached.p50)}, ${fmt.ms(r.uncached.p50)}; target: p99 under 20 ms)`,
      );
    }
    return { app: s.cached, bare: s.bare, uncached: s.uncached, ratio: s.cached.rps / s.bare.rps };
  } finally {
    for (const server of Object.values(servers)) server.stop();
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
