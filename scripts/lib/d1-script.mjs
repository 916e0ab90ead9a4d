// What the account scripts (create-owner, reset-password) share: their common options, the
// e-mail they act on, and running one SQL command against D1 through wrangler, or only printing it.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

/** --remote / --local [--persist-to DIR] pick the database; --print only prints the SQL. */
const TARGET_OPTIONS = {
  email: { type: 'string' },
  remote: { type: 'boolean', default: false },
  local: { type: 'boolean', default: false },
  'persist-to': { type: 'string' },
  print: { type: 'boolean', default: false },
};

/**
 * Parses the command line with the shared options plus `options`; exits with `usage` (code 2)
 * unless --email names an address. Returns the values and the e-mail, lower-cased.
 */
export function parseAccountArgs(options, usage) {
  const { values } = parseArgs({ options: { ...TARGET_OPTIONS, ...options } });
  const email = (values.email ?? '').trim().toLowerCase();
  if (!/^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/.test(email)) {
    console.error(usage);
    process.exit(2);
  }
  return { values, email };
}

/** Neither --remote nor --local (or --print): the SQL is printed, not run. */
export const onlyPrints = (values) => values.print || (!values.remote && !values.local);

/** Prints the SQL; without --print, says that nothing was run. */
export function printSql(values, sql) {
  process.stdout.write(sql + '\n');
  if (!values.print)
    console.error(
      '\nNothing was run. Add --remote (the deployed database) or --local, or pipe this SQL to `wrangler d1 execute DB --remote --command`.',
    );
}

/**
 * Runs `sql` with `wrangler d1 execute` on the chosen database (exits with wrangler's status when
 * it fails) and returns the `created` count the SQL's last statement selects.
 */
export function runSql(values, sql) {
  const args = ['d1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--command', sql, '--json'];
  if (values.local && values['persist-to']) args.push('--persist-to', values['persist-to']);
  const run = spawnSync('wrangler', args, {
    encoding: 'utf8',
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  });
  if (run.status !== 0) {
    console.error(run.stderr || run.stdout);
    process.exit(run.status ?? 1);
  }
  return /"created":\s*(\d+)/.exec(run.stdout)?.[1];
}
