// The SQL of `npm run reset-password`, apart from the script so a test can run it against a real
// D1 (test/http/password-reset-script.test.ts). Plain JavaScript with no Node imports.

const q = (value) => `'${String(value).replace(/'/g, "''")}'`;

/** A reset link lives 24 hours, like one issued on /admin/users (src/routes/admin/users.tsx). */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Statements that give the active person with `email` a new reset link (its token stored only as
 * `tokenHash`), revoking their earlier unused links, and then report how many links were made
 * (0: no active account has that e-mail). The same rows as src/db/password-resets.ts writes.
 */
export function resetPasswordStatements({ id, tokenHash, email, now }) {
  const person = `(SELECT id FROM users WHERE email = ${q(email)} AND disabled_at IS NULL)`;
  return [
    `UPDATE password_resets SET revoked_at = ${now} WHERE user_id = ${person} AND used_at IS NULL AND revoked_at IS NULL;`,
    `INSERT INTO password_resets (id, token_hash, user_id, created_by, created_at, expires_at) ` +
      `SELECT ${q(id)}, ${q(tokenHash)}, id, NULL, ${now}, ${now + RESET_TTL_MS} FROM users WHERE email = ${q(email)} AND disabled_at IS NULL;`,
    `SELECT COUNT(*) AS created FROM password_resets WHERE id = ${q(id)};`,
  ];
}

/** The statements as one command for `wrangler d1 execute --command`. */
export function resetPasswordSql(input) {
  return resetPasswordStatements(input).join(' ');
}
