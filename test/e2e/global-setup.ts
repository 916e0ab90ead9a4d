import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    persistDir: string;
  }
}

let server: ChildProcess | undefined;
let persistDir: string | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilUp(url: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (server?.exitCode !== null && server?.exitCode !== undefined) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not start:\n${log()}`);
}

/** Starts `npm start` (migrations, demo seed, wrangler dev) on a free port with a fresh D1. */
export async function setup(project: TestProject) {
  const port = await freePort();
  persistDir = mkdtempSync(join(tmpdir(), 'si-e2e-'));
  let output = '';
  server = spawn('bash', ['scripts/start.sh', '--test-scheduled'], {
    env: { ...process.env, PORT: String(port), PERSIST_DIR: persistDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${baseUrl}/admin/login`, () => output);
  project.provide('baseUrl', baseUrl);
  project.provide('persistDir', persistDir);
}

export async function teardown() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
}
