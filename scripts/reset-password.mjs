// Issues a one-time password reset link from the command line, for an owner locked out of the
// app (the people page issues them for everyone else). The link works once, for 24 hours; using it
// sets a new password and ends every session of that person.
//
//   npm run reset-password -- --email anna@example.ru [--remote | --local [--persist-to DIR]] [--print] [--origin https://q.example.ru]
//
// The link is built on --origin, else on PUBLIC_ORIGIN in wrangler.toml. --print only prints the SQL.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resetPasswordSql } from './reset-password-sql.mjs';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    origin: { type: 'string' },
    remote: { type: 'boolean', default: false },
    local: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
    print: { type: 'boolean', default: false },
  },
});

const email = (values.email ?? '').trim().toLowerCase();
if (!/^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/.test(email)) {
  console.error('Give the e-mail of the account: npm run reset-password -- --email anna@example.ru --remote');
  process.exit(2);
}

/** PUBLIC_ORIGIN from wrangler.toml's [vars], the origin printed on the cards. */
function configuredOrigin() {
  try {
    const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
    const vars = toml.split(/^\[vars\]\s*$/m)[1]?.split(/^\[/m)[0] ?? '';
    return /^\s*PUBLIC_ORIGIN\s*=\s*"([^"]*)"/m.exec(vars)?.[1]?.trim() ?? '';
  } catch {
    return '';
  }
}

const origin = (values.origin ?? configuredOrigin()).replace(/\/+$/, '');
if (!values.print && !/^https?:\/\/[^/\s]+$/.test(origin)) {
  console.error('No origin for the link: set PUBLIC_ORIGIN in wrangler.toml or pass --origin https://<your worker>.');
  process.exit(2);
}

const token = randomBytes(32).toString('base64url');
const tokenHash = createHash('sha256').update(token).digest('hex');
const id = randomBytes(9).toString('base64url');
const sql = resetPasswordSql({ id, tokenHash, email, now: Date.now() });

if (values.print || (!values.remote && !values.local)) {
  process.stdout.write(sql + '\n');
  if (!values.print) console.error('\nNothing was run. Add --remote (the deployed database) or --local, or pipe this SQL to `wrangler d1 execute DB --remote --command`.');
  else if (origin) console.error(`\nOnce this SQL has run, the link is ${origin}/reset/${token}`);
} else {
  const args = ['d1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--command', sql, '--json'];
  if (values.local && values['persist-to']) args.push('--persist-to', values['persist-to']);
  const run = spawnSync('wrangler', args, { encoding: 'utf8', env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' } });
  if (run.status !== 0) {
    console.error(run.stderr || run.stdout);
    process.exit(run.status ?? 1);
  }
  const created = /"created":\s*(\d+)/.exec(run.stdout)?.[1];
  if (created !== '1') {
    console.error(`No active account has the e-mail ${email}; nothing was changed.`);
    process.exit(1);
  }
  console.log(`Password reset link for ${email} (works once, for 24 hours; earlier links no longer work):`);
  console.log(`${origin}/reset/${token}`);
}
