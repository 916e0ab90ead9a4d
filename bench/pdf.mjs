// PDF benchmark: our renderer behind the running workerd (GET /api/v1/batches/<id>/pdf) against a
// minimal bare pdf-lib script (bench/pdf-bare.mjs: same page size, QR squares and font) in Node,
// in the same run. Figures are medians; the ratio is what to compare across machines.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { bareRender } from './pdf-bare.mjs';
import { cpuMsOf, fmt, median, rssOf, startApp, startWorker } from './lib/server.mjs';

const TOKEN = 'demo-token';
const JOBS = [
  { cards: 1, format: 'a6', runs: 60 },
  { cards: 4, format: 'a4-4up', runs: 60 },
  { cards: 100, format: 'a4-4up', runs: 9 },
  { cards: 1000, format: 'a4-4up', runs: 5 },
];

const fontBytes = {
  regular: readFileSync(
    new URL('../node_modules/@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf', import.meta.url),
  ),
  bold: readFileSync(new URL('../node_modules/@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf', import.meta.url)),
};

/**
 * Times `fn` `runs` times after two warm-up calls; samples `memory()` every 2 ms meanwhile.
 * CPU time (`cpu()`, cumulative ms) is what the Workers limit counts, and it suffers less than
 * wall time when the machine is busy.
 */
async function measure(fn, runs, memory, cpu) {
  await fn();
  await fn();
  const cpuBefore = cpu();
  const before = memory();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, memory())), 2);
  const times = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    size = await fn();
    times.push(performance.now() - start);
    peak = Math.max(peak, memory());
  }
  clearInterval(timer);
  const cpuMs = (cpu() - cpuBefore) / runs;
  return { ms: median(times), cpuMs, size, peakDelta: Math.max(0, peak - before), peak };
}

/**
 * Rendering alone, ours against the bare script, both inside one workerd (bench/pdf-worker): no
 * D1, no auth, no HTTP differences; this is the figure the Workers CPU limit is about.
 */
async function renderOnly(log, port) {
  const worker = await startWorker({ config: 'bench/pdf-worker/wrangler.toml', port });
  try {
    const cpu = () => cpuMsOf(worker.workerdPid) ?? 0;
    const memory = () => rssOf(worker.workerdPid) ?? 0;
    const noop = await measure(async () => (await fetch(`${worker.baseUrl}/noop`)).status, 60, memory, cpu);
    log('\nRendering alone inside one workerd (bench/pdf-worker): our renderer vs the bare pdf-lib script.');
    log(
      `An empty request costs ${fmt.ms(noop.cpuMs)} of workerd CPU here; "net" subtracts it (what rendering itself costs).`,
    );
    log(
      'cards  format   ours wall  ours CPU  ours net CPU   bare wall  bare CPU  ratio wall  ratio CPU  ours net CPU/card',
    );
    for (const job of JOBS) {
      const get = (path) => async () =>
        (await (await fetch(`${worker.baseUrl}${path}?count=${job.cards}&format=${job.format}`)).arrayBuffer())
          .byteLength;
      // Alternate the two so that a burst of load elsewhere hits both alike.
      const ours = [];
      const bare = [];
      for (let round = 0; round < 3; round++) {
        ours.push(await measure(get('/ours'), Math.ceil(job.runs / 3), memory, cpu));
        bare.push(await measure(get('/bare'), Math.ceil(job.runs / 3), memory, cpu));
      }
      const o = { ms: median(ours.map((r) => r.ms)), cpuMs: median(ours.map((r) => r.cpuMs)) };
      const b = { ms: median(bare.map((r) => r.ms)), cpuMs: median(bare.map((r) => r.cpuMs)) };
      log(
        [
          String(job.cards).padStart(5),
          job.format.padEnd(7),
          fmt.ms(o.ms).padStart(10),
          fmt.ms(o.cpuMs).padStart(9),
          fmt.ms(Math.max(0, o.cpuMs - noop.cpuMs)).padStart(13),
          fmt.ms(b.ms).padStart(11),
          fmt.ms(b.cpuMs).padStart(9),
          fmt.x(o.ms / b.ms).padStart(11),
          fmt.x(o.cpuMs / b.cpuMs).padStart(10),
          fmt.ms(Math.max(0, o.cpuMs - noop.cpuMs) / job.cards).padStart(18),
        ].join(' '),
      );
    }
  } finally {
    worker.stop();
  }
}

export async function run({ log = console.log, port = 8799 } = {}) {
  await renderOnly(log, port + 1);
  const app = await startApp({ port });
  try {
    const rows = [];
    for (const job of JOBS) {
      const res = await fetch(`${app.baseUrl}/api/v1/batches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ location: 'demo', count: job.cards, format: job.format }),
      });
      if (res.status !== 201) throw new Error(`batch creation failed: ${res.status} ${await res.text()}`);
      const batch = await res.json();
      const ours = await measure(
        async () => {
          const pdf = await fetch(`${app.baseUrl}${batch.pdfUrl}`, { headers: { authorization: `Bearer ${TOKEN}` } });
          return (await pdf.arrayBuffer()).byteLength;
        },
        job.runs,
        () => (app.workerdPid ? (rssOf(app.workerdPid) ?? 0) : 0),
        () => (app.workerdPid ? (cpuMsOf(app.workerdPid) ?? 0) : 0),
      );
      const cards = batch.cards.map((c) => ({ code: c.code, reviewUrl: c.reviewUrl, complaintUrl: c.complaintUrl }));
      const bare = await measure(
        async () => (await bareRender({ format: job.format, cards, fontBytes })).byteLength,
        job.runs,
        () => process.memoryUsage().rss,
        () => {
          const { user, system } = process.cpuUsage();
          return (user + system) / 1000;
        },
      );
      rows.push({ job, ours, bare });
    }
    log('\nPDF rendering. ours = GET /api/v1/batches/<id>/pdf on workerd (wall time of the request, median of');
    log('warm runs; CPU = workerd process CPU per request); bare = minimal pdf-lib script in Node 22, same run.');
    log(
      'cards  format   wall/request  wall/card  CPU/request   PDF size  workerd RSS (+during)  bare wall  bare CPU  ratio wall  ratio CPU',
    );
    for (const { job, ours, bare } of rows) {
      log(
        [
          String(job.cards).padStart(5),
          job.format.padEnd(7),
          fmt.ms(ours.ms).padStart(13),
          fmt.ms(ours.ms / job.cards).padStart(10),
          fmt.ms(ours.cpuMs).padStart(12),
          fmt.kb(ours.size).padStart(10),
          `${fmt.mb(ours.peak)} (+${fmt.mb(ours.peakDelta)})`.padStart(22),
          fmt.ms(bare.ms).padStart(10),
          fmt.ms(bare.cpuMs).padStart(9),
          fmt.x(ours.ms / bare.ms).padStart(11),
          fmt.x(ours.cpuMs / bare.cpuMs).padStart(10),
        ].join(' '),
      );
    }
    return rows;
  } finally {
    app.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
