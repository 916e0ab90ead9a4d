// Load test of the review redirect against a running server (it starts nothing itself):
//   node scripts/load-scans.mjs [baseUrl] [--requests 10000] [--connections 50] [--token demo-token]
// Prints a batch with one card through the API, fires the requests at /r/<code> (redirects not
// followed), then reads the stored scan count back through the API and checks that every
// request was stored exactly once. Exits 1 when they differ.
import autocannon from 'autocannon';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const base = (args.find((a) => /^https?:\/\//.test(a)) ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
const requests = Number(option('requests', 10_000));
const connections = Number(option('connections', 50));
const token = option('token', 'demo-token');
const location = option('location', 'demo');
const auth = { authorization: `Bearer ${token}` };

async function api(path, init = {}) {
  const res = await fetch(base + path, {
    ...init,
    headers: { ...auth, 'content-type': 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const batch = await api('/api/v1/batches', { method: 'POST', body: JSON.stringify({ location, count: 1 }) });
const code = batch.cards[0].code;
console.log(`batch ${batch.id}, card ${code}: ${requests} GET /r/${code} over ${connections} connections`);

const result = await autocannon({
  url: `${base}/r/${code}`,
  connections,
  amount: requests,
  timeout: 30,
  headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1' },
});
const redirects = result['3xx'];
console.log(
  `sent ${result.requests.sent}, answered ${result.requests.total} (302: ${redirects}, other: ${result.requests.total - redirects}), ` +
    `errors ${result.errors}, timeouts ${result.timeouts}; ${result.requests.average.toFixed(0)} req/s, ` +
    `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
);

// Scans are queued after each response and stored in batches (one per second at most, and a
// failed batch comes back about a second later): wait until the queue has drained, that is
// until the count stops moving for longer than a retry takes.
let stored = -1;
let stableSince = Date.now();
const deadline = Date.now() + 180_000;
for (;;) {
  const counts = await api(`/api/v1/batches/${batch.id}/scans`);
  const now = counts.scans.review.all;
  if (now !== stored) {
    stored = now;
    stableSince = Date.now();
  }
  if (stored >= requests && Date.now() - stableSince > 3000) break;
  if (Date.now() - stableSince > 15_000 || Date.now() > deadline) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}

const ok = redirects === requests && stored === requests && result.errors === 0;
console.log(
  `stored scans: ${stored} of ${requests} requests sent -> ${ok ? 'OK: nothing lost, nothing doubled' : 'MISMATCH'}`,
);
process.exit(ok ? 0 : 1);
