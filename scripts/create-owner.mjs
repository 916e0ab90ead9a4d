// Creates the first owner of a deployment from the command line (the alternative to the
// /setup?secret=... link). Does nothing if the database already has an owner.
//
//   npm run create-owner -- --email anna@example.ru --name "Анна" [--password "..."] [--remote | --local [--persist-to DIR]] [--print]
//
// Without --password a strong one is generated and printed once. --print only prints the SQL.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { onlyPrints, parseAccountArgs, printSql, runSql } from './lib/d1-script.mjs';

const { values, email } = parseAccountArgs(
  { name: { type: 'string', default: '' }, password: { type: 'string' } },
  'Give the owner\'s e-mail: npm run create-owner -- --email anna@example.ru --name "Анна" --remote',
);
const generated = values.password === undefined;
const password = values.password ?? randomBytes(15).toString('base64url');
if ([...password].length < 10) {
  console.error('The password must be at least 10 characters.');
  process.exit(2);
}

// The same format and cost as src/auth/password.ts: Workers verify at most 100,000 iterations.
const iterations = 100_000;
const salt = randomBytes(16);
const hash = pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('hex');
const passwordHash = `pbkdf2-sha256$${iterations}$${salt.toString('hex')}$${hash}`;
const id = randomBytes(12).toString('base64url');
const now = Date.now();
const q = (value) => `'${String(value).replace(/'/g, "''")}'`;
const sql =
  `INSERT INTO users (id, email, name, role, password_hash, password_changed_at, created_at) ` +
  `SELECT ${q(id)}, ${q(email)}, ${q(values.name.trim().slice(0, 80))}, 'owner', ${q(passwordHash)}, ${now}, ${now} ` +
  `WHERE NOT EXISTS (SELECT 1 FROM users WHERE role = 'owner');`;

if (onlyPrints(values)) {
  printSql(values, sql);
} else {
  // The second statement tells whether the insert happened (an existing owner makes it a no-op).
  const check = `SELECT COUNT(*) AS created FROM users WHERE id = ${q(id)};`;
  const created = runSql(values, `${sql} ${check}`);
  if (created !== '1') {
    console.error('This database already has an owner; nothing was changed. Invite people from /admin/users instead.');
    process.exit(1);
  }
  console.log(`Owner ${email} created. Sign in at /admin/login.`);
}
if (generated && !values.print && (values.remote || values.local))
  console.log(`Password (shown once, change it under "My account"): ${password}`);
