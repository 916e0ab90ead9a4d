// Starts the app as `npm start` does (migrations, demo seed, wrangler dev) on a given port with a
// fresh local D1, for benchmarks. Returns the base URL, the workerd pid and a stop function.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `vars` are passed to wrangler dev as --var NAME:value (e.g. { CARD_CACHE_SECONDS: '0' }).
export async function startApp({ port, persistDir, vars = {} } = {}) {
  const dir = persistDir ?? mkdtempSync(join(tmpdir(), 'si-bench-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  const child = await spawnUntilUp(
    'bash',
    ['scripts/start.sh', ...varArgs],
    { PORT: String(port), PERSIST_DIR: dir },
    `${baseUrl}/admin/login`,
  );
  return {
    baseUrl,
    persistDir: dir,
    workerdPid: findWorkerdPid(child.pid),
    /** What the server printed so far, for explaining a failure. */
    output: () => child.output(),
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone already
      }
      if (!persistDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts `wrangler dev` for a benchmark-only Worker config (no D1, no seed). */
export async function startWorker({ config, port }) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = await spawnUntilUp(
    'wrangler',
    ['dev', '-c', config, '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'],
    { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    `${baseUrl}/`,
  );
  return {
    baseUrl,
    workerdPid: findWorkerdPid(child.pid),
    output: () => child.output(),
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone already
      }
    },
  };
}

/**
 * Spawns a server in its own process group and waits until `readyUrl` answers (any status).
 * Each server gets its own wrangler dev registry: benchmarks run two copies of the app (same
 * Worker and queue names) side by side, and sessions that see each other there interfere.
 */
async function spawnUntilUp(command, args, env, readyUrl) {
  let output = '';
  const registry = mkdtempSync(join(tmpdir(), 'si-bench-registry-'));
  const child = spawn(command, args, {
    env: { ...process.env, WRANGLER_REGISTRY_PATH: registry, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.on('exit', () => rmSync(registry, { recursive: true, force: true }));
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.output = () => output;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await fetch(readyUrl, { redirect: 'manual' });
      if (res.status < 500) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${command} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The workerd process serving requests: a descendant of the started process group. */
function findWorkerdPid(rootPid) {
  try {
    const out = execSync(`ps -eo pid,pgid,comm | awk '$2 == ${rootPid} && $3 ~ /workerd/ {print $1}'`)
      .toString()
      .trim();
    return Number(out.split('\n').pop()) || null;
  } catch {
    return null;
  }
}

/** Resident memory of a process in bytes (from /proc), or null. */
export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb * 1024;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
export function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const fmt = {
  ms: (v) => `${v.toFixed(v < 10 ? 2 : 1)} ms`,
  kb: (v) => `${(v / 1024).toFixed(0)} KB`,
  mb: (v) => `${(v / 1024 / 1024).toFixed(1)} MB`,
  x: (v) => `${v.toFixed(2)}x`,
};
