// Issues a one-time password reset link from the command line, for an owner locked out of the
// app (the people page issues them for everyone else). The link works once, for 24 hours; using it
// sets a new password and ends every session of that person.
//
//   npm run reset-password -- --email anna@example.ru [--remote | --local [--persist-to DIR]] [--print] [--origin https://q.example.ru]
//
// The link is built on --origin, else on PUBLIC_ORIGIN in wrangler.toml. --print only prints the SQL.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { onlyPrints, parseAccountArgs, printSql, runSql } from './lib/d1-script.mjs';
import { resetPasswordSql } from './reset-password-sql.mjs';

const { values, email } = parseAccountArgs(
  { origin: { type: 'string' } },
  'Give the e-mail of the account: npm run reset-password -- --email anna@example.ru --remote',
);

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

if (onlyPrints(values)) {
  printSql(values, sql);
  if (values.print && origin) console.error(`\nOnce this SQL has run, the link is ${origin}/reset/${token}`);
} else {
  const created = runSql(values, sql);
  if (created !== '1') {
    console.error(`No active account has the e-mail ${email}; nothing was changed.`);
    process.exit(1);
  }
  console.log(`Password reset link for ${email} (works once, for 24 hours; earlier links no longer work):`);
  console.log(`${origin}/reset/${token}`);
}
