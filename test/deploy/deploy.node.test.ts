import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run deploy` against a stand-in wrangler (test/deploy/fake-wrangler) that keeps a small
// Cloudflare account in a JSON file and answers with the real wrangler's recorded outputs.

const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/deploy.mjs');
const FAKE_BIN = join(__dirname, 'fake-wrangler');
const WRANGLER_TOML = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
const DEAD_LETTER = ['support-index-scans-dead', 'support-index-complaints-dead'];
const PRODUCERS = ['support-index-scans', 'support-index-complaints'];

type Account = {
  signedIn: boolean;
  databases: { name: string; uuid: string; migrated?: boolean }[];
  queues: string[];
  worker: { secrets: string[] } | null;
  owners: number;
  failMigrations?: boolean;
};
type Call = { argv: string[]; secrets?: Record<string, string> };

const FRESH: Account = { signedIn: true, databases: [], queues: [], worker: null, owners: 0 };
const DEPLOYED: Account = {
  signedIn: true,
  databases: [{ name: 'support-index', uuid: '4d9a6c1e-2b7f-4f0a-9c3d-8e1b5a7f6c20', migrated: true }],
  queues: [...PRODUCERS, ...DEAD_LETTER],
  worker: { secrets: ['APP_SECRET'] },
  owners: 1,
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project directory with its own wrangler.toml and account; `deploy()` runs the script in it. */
function project(account: Account, options: { origin?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-test-'));
  dirs.push(dir);
  // The project's wrangler.toml, with PUBLIC_ORIGIN as the test needs it (empty unless given).
  const toml = WRANGLER_TOML.replace(/^PUBLIC_ORIGIN = ".*"$/m, `PUBLIC_ORIGIN = "${options.origin ?? ''}"`);
  if (!toml.includes(`PUBLIC_ORIGIN = "${options.origin ?? ''}"`))
    throw new Error('wrangler.toml has no PUBLIC_ORIGIN line in [vars]');
  writeFileSync(join(dir, 'wrangler.toml'), toml);
  const statePath = join(dir, 'account.json');
  const logPath = join(dir, 'calls.jsonl');
  writeFileSync(statePath, JSON.stringify(account));
  writeFileSync(logPath, '');
  return {
    async deploy(env: Record<string, string> = {}) {
      writeFileSync(logPath, '');
      const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(
          process.execPath,
          [SCRIPT],
          {
            cwd: dir,
            encoding: 'utf8',
            // A clean environment: only what the script and the stand-in read (no PUBLIC_ORIGIN unless given).
            env: {
              PATH: `${FAKE_BIN}${delimiter}${process.env.PATH ?? ''}`,
              HOME: dir,
              FAKE_WRANGLER_STATE: statePath,
              FAKE_WRANGLER_LOG: logPath,
              ...env,
            } as Record<string, string> as unknown as NodeJS.ProcessEnv,
          },
          (_error, stdout, stderr) => done({ status: child.exitCode, stdout, stderr }),
        );
      });
      const calls: Call[] = readFileSync(logPath, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line));
      return { code: result.status, out: `${result.stdout}${result.stderr}`, calls };
    },
    account: (): Account => JSON.parse(readFileSync(statePath, 'utf8')),
  };
}

const commands = (calls: Call[]) => calls.map((c) => c.argv.filter((a) => !a.startsWith('/')).join(' '));
const indexOf = (calls: Call[], prefix: string) => commands(calls).findIndex((c) => c.startsWith(prefix));

describe('npm run deploy', async () => {
  it('refuses without PUBLIC_ORIGIN, says where to set it, and touches nothing', async () => {
    const { code, out, calls } = await project(FRESH).deploy();
    expect(code).toBe(1);
    expect(out).toContain('PUBLIC_ORIGIN is not set, so nothing was deployed');
    expect(out).toContain('PUBLIC_ORIGIN = "https://q.example.ru"');
    expect(calls).toEqual([]);
  });

  it('refuses a PUBLIC_ORIGIN that is not an https origin', async () => {
    const origins = ['http://q.example.ru', 'https://q.example.ru/cards', 'q.example.ru'];
    const runs = await Promise.all(origins.map((origin) => project(FRESH, { origin }).deploy()));
    runs.forEach(({ code, out, calls }, i) => {
      expect(code).toBe(1);
      expect(out).toContain(`PUBLIC_ORIGIN "${origins[i]}" is not an https origin`);
      expect(calls).toEqual([]);
    });
  });

  it('stops with the login command when not signed in to Cloudflare', async () => {
    const { code, out, calls } = await project(
      { ...FRESH, signedIn: false },
      { origin: 'https://q.example.ru' },
    ).deploy();
    expect(code).toBe(1);
    expect(out).toContain('npx wrangler login');
    expect(commands(calls)).toEqual(['whoami']);
  });

  it('on a fresh account: creates the dead-letter queues, lets wrangler deploy provision D1 and the queues, migrates, prints the setup link', async () => {
    const site = project(FRESH, { origin: 'https://q.example.ru' });
    const { code, out, calls } = await site.deploy();
    expect(code, out).toBe(0);

    const list = commands(calls);
    for (const queue of DEAD_LETTER) {
      expect(list).toContain(`queues info ${queue}`);
      expect(list).toContain(`queues create ${queue}`);
    }
    // Producer queues and the database are left to wrangler deploy's provisioning.
    for (const queue of PRODUCERS) expect(list).not.toContain(`queues create ${queue}`);
    expect(list.some((c) => c.startsWith('d1 create'))).toBe(false);

    const deploy = calls[indexOf(calls, 'deploy')];
    expect(deploy?.argv).not.toContain('--var'); // the origin is in wrangler.toml already
    expect(out).toContain('Creating new D1 Database "support-index"');
    // The database exists only once deploy has provisioned it, so the migrations follow it.
    expect(indexOf(calls, 'd1 migrations apply DB --remote')).toBeGreaterThan(indexOf(calls, 'deploy'));

    const secrets = deploy?.secrets ?? {};
    expect(Object.keys(secrets).sort()).toEqual(['APP_SECRET', 'SETUP_SECRET']);
    expect(secrets.APP_SECRET?.length).toBeGreaterThanOrEqual(40);
    expect(secrets.SETUP_SECRET?.length).toBeGreaterThanOrEqual(16);
    expect(out).toContain(`https://q.example.ru/setup?secret=${secrets.SETUP_SECRET}`);
    // The setup link comes last, after the migrations made the database usable.
    expect(out.lastIndexOf('/setup?secret=')).toBeGreaterThan(out.lastIndexOf('0001_init.sql'));

    const account = site.account();
    expect(account.databases.map((d) => [d.name, d.migrated])).toEqual([['support-index', true]]);
    expect(account.queues.sort()).toEqual([...PRODUCERS, ...DEAD_LETTER].sort());
    expect(account.worker?.secrets.sort()).toEqual(['APP_SECRET', 'SETUP_SECRET']);
  });

  it('on a running deployment: migrates before the new code goes live and keeps APP_SECRET', async () => {
    const { code, out, calls } = await project(DEPLOYED, { origin: 'https://q.example.ru' }).deploy();
    expect(code, out).toBe(0);
    const list = commands(calls);
    expect(list.filter((c) => c.startsWith('queues create'))).toEqual([]);
    expect(indexOf(calls, 'd1 migrations apply DB --remote')).toBeGreaterThanOrEqual(0);
    expect(indexOf(calls, 'd1 migrations apply DB --remote')).toBeLessThan(indexOf(calls, 'deploy'));
    expect(list.filter((c) => c.startsWith('d1 migrations'))).toHaveLength(1);
    const deploy = calls[indexOf(calls, 'deploy')];
    expect(deploy?.argv).not.toContain('--secrets-file');
    expect(deploy?.secrets).toBeUndefined();
    expect(out).not.toContain('/setup?secret=');
    expect(out).toContain('Sign in at https://q.example.ru/admin');
  });

  it('keeps a SETUP_SECRET someone set and, while no owner exists, prints the link to fill it into', async () => {
    const account = { ...DEPLOYED, owners: 0, worker: { secrets: ['APP_SECRET', 'SETUP_SECRET'] } };
    const { code, out, calls } = await project(account, { origin: 'https://q.example.ru' }).deploy();
    expect(code, out).toBe(0);
    expect(calls[indexOf(calls, 'deploy')]?.secrets).toBeUndefined();
    expect(out).toContain('SETUP_SECRET: set (kept');
    expect(out).toContain('https://q.example.ru/setup?secret=<SETUP_SECRET>');
    expect(out).toContain('npx wrangler secret delete SETUP_SECRET');
  });

  it('a lost setup link: once SETUP_SECRET is deleted, the next deploy generates one and prints the link', async () => {
    const account = { ...DEPLOYED, owners: 0 };
    const { code, out, calls } = await project(account, { origin: 'https://q.example.ru' }).deploy();
    expect(code, out).toBe(0);
    const secrets = calls[indexOf(calls, 'deploy')]?.secrets ?? {};
    expect(Object.keys(secrets)).toEqual(['SETUP_SECRET']);
    expect(out).toContain(`https://q.example.ru/setup?secret=${secrets.SETUP_SECRET}`);
  });

  it('generates APP_SECRET for a running Worker that has none, a new one each time', async () => {
    const withoutSecret = { ...DEPLOYED, worker: { secrets: [] } };
    const [first, second] = await Promise.all([
      project(withoutSecret, { origin: 'https://q.example.ru' }).deploy(),
      project(withoutSecret, { origin: 'https://q.example.ru' }).deploy(),
    ]);
    const a = first.calls[indexOf(first.calls, 'deploy')]?.secrets?.APP_SECRET;
    const b = second.calls[indexOf(second.calls, 'deploy')]?.secrets?.APP_SECRET;
    expect(first.out).toContain('APP_SECRET: not set, generated');
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(b).toMatch(/^[\w-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('on a first deploy whose migrations fail, says the Worker is deployed but cannot serve yet, and prints no setup link', async () => {
    const { code, out, calls } = await project(
      { ...FRESH, failMigrations: true },
      { origin: 'https://q.example.ru' },
    ).deploy();
    expect(code).toBe(1);
    expect(indexOf(calls, 'deploy')).toBeGreaterThanOrEqual(0);
    expect(out).toContain('the Worker is deployed but the migrations of its new database failed');
    expect(out).not.toContain('/setup?secret=');
  });

  it('does not deploy when the migrations fail', async () => {
    const { code, out, calls } = await project(
      { ...DEPLOYED, failMigrations: true },
      { origin: 'https://q.example.ru' },
    ).deploy();
    expect(code).toBe(1);
    expect(out).toContain('the migrations failed, so the new code was not deployed');
    expect(indexOf(calls, 'deploy')).toBe(-1);
  });

  it('takes PUBLIC_ORIGIN from the environment and passes it to wrangler deploy', async () => {
    const { code, out, calls } = await project(DEPLOYED).deploy({ PUBLIC_ORIGIN: 'https://otzyv.example.ru' });
    expect(code, out).toBe(0);
    const deploy = calls[indexOf(calls, 'deploy')]?.argv ?? [];
    expect(deploy.slice(deploy.indexOf('--var'), deploy.indexOf('--var') + 2)).toEqual([
      '--var',
      'PUBLIC_ORIGIN:https://otzyv.example.ru',
    ]);
    expect(out).toContain('Deployed for https://otzyv.example.ru.');
    expect(out).toContain('https://otzyv.example.ru must reach this Worker: add it as a Custom Domain');
  });

  it('a second run after the first deploy takes the running-deployment path', async () => {
    const site = project(FRESH, { origin: 'https://q.example.ru' });
    const first = await site.deploy();
    expect(first.code, first.out).toBe(0);
    const second = await site.deploy();
    expect(second.code, second.out).toBe(0);
    expect(commands(second.calls).filter((c) => c.startsWith('queues create'))).toEqual([]);
    expect(indexOf(second.calls, 'd1 migrations apply')).toBeLessThan(indexOf(second.calls, 'deploy'));
    // Neither secret is replaced; still no owner, so the link to fill in is printed again.
    expect(second.calls[indexOf(second.calls, 'deploy')]?.secrets).toBeUndefined();
    expect(second.out).toContain('https://q.example.ru/setup?secret=<SETUP_SECRET>');
  });
});
