// A stand-in for `wrangler` in the deploy script's tests. It keeps a small Cloudflare account in
// a JSON file (FAKE_WRANGLER_STATE), answers each command the deploy script runs with the output
// the real wrangler 4.124.0 prints (test/deploy/wrangler-outputs), changes the account the way the
// real command would (deploy provisions the database and the producer queues, stores secrets from
// --secrets-file; queues create; migrations apply), and appends its argv to FAKE_WRANGLER_LOG.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDeployConfig } from '../../../scripts/wrangler-config.mjs';

const outputs = join(dirname(fileURLToPath(import.meta.url)), '..', 'wrangler-outputs');
const statePath = process.env.FAKE_WRANGLER_STATE;
const logPath = process.env.FAKE_WRANGLER_LOG;
if (!statePath || !logPath) {
  console.error('fake wrangler: FAKE_WRANGLER_STATE and FAKE_WRANGLER_LOG must be set');
  process.exit(2);
}
const state = JSON.parse(readFileSync(statePath, 'utf8'));
const argv = process.argv.slice(2);
// Like the real wrangler, it reads the wrangler.toml of the directory it runs in.
const config = readDeployConfig(join(process.cwd(), 'wrangler.toml'));
const entry = { argv };

/** @param {string} name @param {Record<string, string>} [values] */
function recorded(name, values = {}) {
  let text = readFileSync(join(outputs, name), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{${key}}`, value);
  return text;
}
function flag(name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
function finish(code, stdout = '', stderr = '') {
  appendFileSync(logPath, `${JSON.stringify(entry)}\n`);
  writeFileSync(statePath, JSON.stringify(state, null, 2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exit(code);
}
const db = () => state.databases.find((d) => d.name === config.database.name);

const [command, sub] = argv;
if (command !== 'whoami' && !state.signedIn)
  finish(1, '', 'In a non-interactive environment, it is necessary to set a CLOUDFLARE_API_TOKEN\n');

switch (command) {
  case 'whoami':
    finish(0, recorded(state.signedIn ? 'whoami-signed-in.txt' : 'whoami-signed-out.txt'));
    break;
  case 'queues': {
    const queue = argv[2];
    if (sub === 'info') {
      if (state.queues.includes(queue)) finish(0, recorded('queues-info.txt', { queue }));
      finish(1, '', recorded('queues-info-missing.txt', { queue }));
    }
    if (sub === 'create') {
      state.queues.push(queue);
      finish(0, recorded('queues-create.txt', { queue }));
    }
    break;
  }
  case 'd1':
    if (sub === 'list') {
      const list = state.databases.map((d) => JSON.parse(recorded('d1-list.json', { name: d.name, uuid: d.uuid }))[0]);
      finish(0, `${JSON.stringify(list, null, 2)}\n`);
    }
    if (sub === 'migrations') {
      if (!db()) finish(1, '', recorded('d1-migrations-missing-database.txt', { name: config.database.name }));
      if (state.failMigrations) finish(1, '', '✘ [ERROR] near "TABLE": syntax error at offset 7: SQLITE_ERROR\n');
      db().migrated = true;
      finish(0, recorded('d1-migrations-apply.txt'));
    }
    if (sub === 'execute') {
      if (!db()?.migrated) finish(1, '', '✘ [ERROR] no such table: users: SQLITE_ERROR\n');
      finish(0, recorded('d1-execute-owners.json').replace('"owners": 0', `"owners": ${state.owners}`));
    }
    break;
  case 'secret':
    if (sub === 'list') {
      if (!state.worker) finish(1, '', recorded('secret-list-worker-not-found.txt', { worker: config.name }));
      finish(
        0,
        `${JSON.stringify(
          state.worker.secrets.map((name) => ({ name, type: 'secret_text' })),
          null,
          '  ',
        )}\n`,
      );
    }
    break;
  case 'deploy': {
    const secretsFile = flag('--secrets-file');
    if (secretsFile) entry.secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));
    let out = '';
    const missingProducers = config.producerQueues.filter((q) => !state.queues.includes(q));
    if (!db() || missingProducers.length > 0) {
      out += recorded('deploy-provisioning.txt');
      if (!db()) state.databases.push({ name: config.database.name, uuid: '4d9a6c1e-2b7f-4f0a-9c3d-8e1b5a7f6c20' });
      state.queues.push(...missingProducers);
    }
    const consumerOnly = config.consumerQueues.filter((q) => !state.queues.includes(q));
    if (consumerOnly.length > 0) {
      finish(
        1,
        out,
        `✘ [ERROR] Queue "${consumerOnly[0]}" does not exist. To create it, run: wrangler queues create ${consumerOnly[0]}\n`,
      );
    }
    state.worker ??= { secrets: [] };
    for (const name of Object.keys(entry.secrets ?? {}))
      if (!state.worker.secrets.includes(name)) state.worker.secrets.push(name);
    finish(0, out + recorded('deploy.txt'));
    break;
  }
}
finish(1, '', `fake wrangler: no recorded answer for "wrangler ${argv.join(' ')}"\n`);
