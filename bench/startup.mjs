// Startup CPU of the Worker against the bare Hono 302 in bench/bare-redirect, each measured by
// `wrangler check startup` (it bundles the Worker as deploy would, starts it in this machine's
// workerd and profiles the startup phase), alternated in the same run, several runs each; prints the
// medians and means of each profile's busy (non-idle) time, and their ratio. A scan nearly always meets a fresh
// isolate, so this is time every scan pays. Offline: it builds and runs locally only.
//   npm run bench -- startup      (or: node bench/startup.mjs; BENCH_ROUNDS=9 for more runs)
// STARTUP_COMPARE_DIR=<another checkout, with node_modules> profiles that one too in each round
// (e.g. an export of main, to see a change's effect in the same run).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { fmt, median } from './lib/server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** The target: the Worker starts in at most twice the bare Worker's CPU. */
const TARGET_RATIO = 2;

const run = promisify(execFile);

/** Active CPU (ms) of one startup profile of the Worker configured in `cwd`. */
async function startupMs(cwd, outDir, label) {
  const outfile = join(outDir, `${label}-${Date.now()}.cpuprofile`);
  const { stdout, stderr } = await run(WRANGLER, ['check', 'startup', '--outfile', outfile], {
    cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: '1' },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 300_000,
  });
  if (!existsSync(outfile)) throw new Error(`no startup profile for ${label}:\n${`${stdout}\n${stderr}`.slice(-2000)}`);
  const profile = JSON.parse(readFileSync(outfile, 'utf8'));
  intervals.push(median(profile.timeDeltas.slice(1)) / 1000);
  return busyMs(profile);
}

/** Sampling intervals (ms) of the profiles taken, for the floor of what a profile can see. */
const intervals = [];

/**
 * The time a V8 CPU profile spent anywhere but idle, in ms. Read from the profile itself, not from
 * wrangler's summary: its "Active" line counts the `(idle)` node too when the machine is busy (the
 * bare Worker showed 0 ms and 107 ms, all of it idle, in two runs one after the other).
 */
function busyMs(profile) {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let micros = 0;
  for (let i = 0; i < profile.samples.length; i++)
    if (!idle.has(profile.samples[i])) micros += profile.timeDeltas[i + 1] ?? 0;
  return micros / 1000;
}

export async function run_({ log = console.log } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'si-startup-'));
  const ours = [];
  const bare = [];
  const other = [];
  const compareDir = process.env.STARTUP_COMPARE_DIR;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternated, so a busy moment on the machine falls on both.
      const a = await startupMs(ROOT, outDir, 'ours');
      const b = await startupMs(join(ROOT, 'bench/bare-redirect'), outDir, 'bare');
      const o = compareDir ? await startupMs(compareDir, outDir, 'other') : undefined;
      ours.push(a);
      bare.push(b);
      if (o !== undefined) other.push(o);
      log(
        `  round ${round}/${ROUNDS}: ours ${fmt.ms(a)}, bare ${fmt.ms(b)}${o === undefined ? '' : `, ${compareDir} ${fmt.ms(o)}`}`,
      );
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  log(`startup CPU, median of ${ROUNDS}: ours ${fmt.ms(median(ours))}, bare Hono 302 ${fmt.ms(median(bare))}`);
  log(`startup CPU, mean of ${ROUNDS}:   ours ${fmt.ms(mean(ours))}, bare Hono 302 ${fmt.ms(mean(bare))}`);
  // The profiler samples about once a millisecond; the bare Worker's startup often falls between two
  // samples (0 ms). Its time is then taken as one sampling interval, which makes the ratio a lower bound.
  const interval = median(intervals);
  const bareMs = Math.max(mean(bare), interval);
  const bound = mean(bare) < interval ? ' (bare under one sampling interval: a lower bound)' : '';
  log(`sampling interval: ${fmt.ms(interval)}`);
  if (other.length > 0) {
    log(
      `${compareDir}: median ${fmt.ms(median(other))}, mean ${fmt.ms(mean(other))}; ours / it (means) ${(mean(ours) / mean(other)).toFixed(2)}x`,
    );
  }
  const ratio = mean(ours) / bareMs;
  log(
    `ratio ours / bare (means): ${ratio.toFixed(2)}x${bound} (target at most ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  );
  return { ours, bare, interval, ratio };
}

export { run_ as run };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run_();
