// `npm run deploy`: the whole deployment in one command. It checks what is missing on the
// Cloudflare account and does it, in an order that never lets new code meet an old schema:
//
//   1. PUBLIC_ORIGIN must be set (wrangler.toml [vars], or the PUBLIC_ORIGIN environment variable),
//      else nothing happens: every QR code printed would carry a wrong address.
//   2. Signed in to Cloudflare (`wrangler whoami`).
//   3. Dead-letter queues: created with `wrangler queues create` when missing. wrangler deploy
//      creates the queues the Worker sends to (producers) by itself, but refuses to deploy when a
//      queue it only consumes from does not exist.
//   4. The D1 database: when it exists, its migrations are applied before the new code goes live.
//      When it does not, `wrangler deploy` creates it (automatic provisioning, wrangler 4.45 and
//      later: a binding with a database_name and no database_id) and the migrations follow at once.
//   5. Secrets: APP_SECRET is generated when the Worker has none, and SETUP_SECRET when it has none
//      and no owner exists yet. A secret that is set is never replaced (it cannot be read back, and
//      someone may have chosen it, e.g. on the Deploy to Cloudflare page). New ones travel with the
//      deploy itself (`--secrets-file`), so code and secrets arrive together, also on a first deploy.
//   6. `wrangler deploy`, then the one-time setup link.
//
// Every step is a wrangler command; `wrangler` is the project's own (npm puts node_modules/.bin
// on PATH), so tests can put a stand-in first on PATH.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeployConfig } from './wrangler-config.mjs';

const config = readDeployConfig('wrangler.toml');
const dbName = config.database.name || config.database.id;

class DeployStop extends Error {}

/** Prints a step heading. @param {string} text */
function step(text) {
  console.log(`\n▸ ${text}`);
}

/**
 * Runs wrangler and returns what it printed (for commands whose answer decides the next step).
 * @param {string[]} args
 * @param {{ input?: string }} [options]
 */
function capture(args, options = {}) {
  const result = spawnSync('wrangler', args, {
    encoding: 'utf8',
    input: options.input ?? '',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error)
    throw new DeployStop(`could not run wrangler (${result.error.message}); run this through \`npm run deploy\`.`);
  return { ok: result.status === 0, out: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/**
 * Runs wrangler with the terminal attached (its progress and prompts are the user's to see).
 * @param {string[]} args
 */
function run(args) {
  const result = spawnSync('wrangler', args, { stdio: 'inherit' });
  if (result.error)
    throw new DeployStop(`could not run wrangler (${result.error.message}); run this through \`npm run deploy\`.`);
  return result.status === 0;
}

/** The first JSON value in wrangler's output (it may print a banner first). @param {string} out */
function jsonIn(out) {
  const start = out.search(/^\s*[[{]/m);
  if (start < 0) return undefined;
  try {
    return JSON.parse(out.slice(start));
  } catch {
    return undefined;
  }
}

/** @param {number} bytes */
function randomSecret(bytes) {
  return randomBytes(bytes).toString('base64url');
}

function publicOrigin() {
  const fromEnv = (process.env.PUBLIC_ORIGIN ?? '').trim();
  const origin = fromEnv || String(config.vars.PUBLIC_ORIGIN ?? '').trim();
  if (origin === '') {
    throw new DeployStop(
      'PUBLIC_ORIGIN is not set, so nothing was deployed. It is the address printed in every QR code, ' +
        'for example your own short domain "https://q.example.ru" or the Worker\'s ' +
        '"https://support-index.<your-subdomain>.workers.dev" (the subdomain is shown in the Cloudflare ' +
        'dashboard under Workers & Pages). Set it in wrangler.toml under [vars]:\n' +
        '    PUBLIC_ORIGIN = "https://q.example.ru"\n' +
        'or for one run: PUBLIC_ORIGIN=https://q.example.ru npm run deploy',
    );
  }
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin)) {
    throw new DeployStop(
      `PUBLIC_ORIGIN "${origin}" is not an https origin without a path (like "https://q.example.ru"), so nothing was deployed.`,
    );
  }
  return { origin, fromEnv: fromEnv !== '' };
}

function checkSignedIn() {
  step('Cloudflare account');
  const { ok, out } = capture(['whoami']);
  if (!ok || /not authenticated/i.test(out)) {
    throw new DeployStop(
      'not signed in to Cloudflare, so nothing was deployed. Run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN), then `npm run deploy` again.',
    );
  }
  console.log('  signed in');
}

/** Creates the queues the Worker only consumes from; deploy creates the others. */
function ensureConsumerOnlyQueues() {
  step('Queues');
  const producers = new Set(config.producerQueues);
  for (const queue of config.producerQueues) console.log(`  ${queue}: wrangler deploy creates it if missing`);
  for (const queue of config.consumerQueues.filter((q) => !producers.has(q))) {
    const info = capture(['queues', 'info', queue]);
    if (info.ok) {
      console.log(`  ${queue}: exists`);
      continue;
    }
    if (!/does not exist/i.test(info.out))
      throw new DeployStop(`could not look up queue ${queue}:\n${info.out.trim()}`);
    console.log(`  ${queue}: missing, creating it`);
    if (!run(['queues', 'create', queue]))
      throw new DeployStop(`could not create queue ${queue}; nothing was deployed.`);
  }
}

/** @returns {boolean} whether the D1 database exists already */
function databaseExists() {
  step(`D1 database "${dbName}"`);
  if (config.database.id) {
    console.log(`  database_id ${config.database.id} is set in wrangler.toml`);
    return true;
  }
  const list = capture(['d1', 'list', '--json']);
  const databases = jsonIn(list.out);
  if (!list.ok || !Array.isArray(databases)) throw new DeployStop(`could not list D1 databases:\n${list.out.trim()}`);
  const found = databases.some((db) => db?.name === config.database.name);
  console.log(found ? '  exists' : '  missing: wrangler deploy creates it, then the migrations run');
  return found;
}

/** @param {string} failure what to tell when they fail */
function applyMigrations(failure) {
  step('Migrations');
  if (!run(['d1', 'migrations', 'apply', 'DB', '--remote'])) throw new DeployStop(failure);
}

/** @returns {number} active owners in the deployed database */
function countOwners() {
  const query = capture([
    'd1',
    'execute',
    'DB',
    '--remote',
    '--json',
    '--command',
    "SELECT COUNT(*) AS owners FROM users WHERE role = 'owner' AND disabled_at IS NULL",
  ]);
  const rows = jsonIn(query.out)?.[0]?.results;
  if (!query.ok || !Array.isArray(rows)) throw new DeployStop(`could not count the owners in D1:\n${query.out.trim()}`);
  return Number(rows[0]?.owners ?? 0);
}

/** @returns {{ exists: boolean, names: Set<string> }} */
function workerSecrets() {
  step('Secrets');
  const list = capture(['secret', 'list', '--format', 'json']);
  if (!list.ok) {
    if (/not found/i.test(list.out)) return { exists: false, names: new Set() };
    throw new DeployStop(`could not list the Worker's secrets:\n${list.out.trim()}`);
  }
  const secrets = jsonIn(list.out);
  if (!Array.isArray(secrets)) throw new DeployStop(`could not read the Worker's secrets:\n${list.out.trim()}`);
  return { exists: true, names: new Set(secrets.map((s) => String(s?.name))) };
}

function main() {
  const { origin, fromEnv } = publicOrigin();
  console.log(`Deploying ${config.name} for ${origin}`);
  checkSignedIn();
  ensureConsumerOnlyQueues();
  const hadDatabase = databaseExists();
  if (hadDatabase)
    applyMigrations(
      'the migrations failed, so the new code was not deployed. Fix the error above and run `npm run deploy` again.',
    );
  const owners = hadDatabase ? countOwners() : 0;

  const { exists: workerExists, names } = workerSecrets();
  /** @type {Record<string, string>} */
  const generated = {};
  if (names.has('APP_SECRET')) console.log('  APP_SECRET: set');
  else {
    generated.APP_SECRET = randomSecret(32);
    console.log('  APP_SECRET: not set, generated');
  }
  if (owners > 0) {
    console.log(
      `  SETUP_SECRET: not needed (${owners} owner${owners === 1 ? '' : 's'} exist${owners === 1 ? 's' : ''})`,
    );
  } else if (names.has('SETUP_SECRET')) {
    console.log('  SETUP_SECRET: set (kept: someone chose it, and it cannot be read back)');
  } else {
    generated.SETUP_SECRET = randomSecret(24);
    console.log('  SETUP_SECRET: not set, generated for the setup link');
  }

  step(workerExists ? 'Deploying the new code' : 'Deploying the Worker for the first time');
  const args = ['deploy'];
  if (fromEnv) args.push('--var', `PUBLIC_ORIGIN:${origin}`);
  const dir = mkdtempSync(join(tmpdir(), 'support-index-deploy-'));
  try {
    if (Object.keys(generated).length > 0) {
      const file = join(dir, 'secrets.json');
      writeFileSync(file, JSON.stringify(generated), { mode: 0o600 });
      args.push('--secrets-file', file);
    }
    if (!run(args))
      throw new DeployStop(
        'wrangler deploy failed; see its message above. Run `npm run deploy` again once it is fixed.',
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (!hadDatabase) {
    applyMigrations(
      'the Worker is deployed but the migrations of its new database failed, so it cannot serve yet. Fix the error above and run `npm run deploy` again.',
    );
  }

  step('Done');
  console.log(`  Deployed for ${origin}.`);
  if (!origin.endsWith('.workers.dev')) {
    console.log(
      `  ${origin} must reach this Worker: add it as a Custom Domain of ${config.name} once ` +
        '(dashboard: Workers & Pages → the Worker → Settings → Domains & Routes).',
    );
  }
  if (generated.SETUP_SECRET) {
    console.log('\nCreate the first owner with this one-time link (it stops working once an owner exists):\n');
    console.log(`  ${origin}/setup?secret=${generated.SETUP_SECRET}\n`);
  } else if (owners === 0) {
    console.log('\nCreate the first owner with the one-time link, using the SETUP_SECRET that was set earlier:\n');
    console.log(`  ${origin}/setup?secret=<SETUP_SECRET>\n`);
    console.log('  Lost it? `npx wrangler secret delete SETUP_SECRET`, then `npm run deploy` prints a new link.');
  } else {
    console.log(`  Sign in at ${origin}/admin`);
    if (names.has('SETUP_SECRET'))
      console.log('  SETUP_SECRET is no longer needed: `npx wrangler secret delete SETUP_SECRET`');
  }
}

try {
  main();
} catch (error) {
  if (!(error instanceof DeployStop)) throw error;
  console.error(`\nnpm run deploy: ${error.message}`);
  process.exitCode = 1;
}
