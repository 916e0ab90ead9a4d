import { Hono, type Context } from 'hono';
import { randomToken, sha256Hex } from '../../auth/crypto';
import { requirePermission } from '../../auth/middleware';
import { insertApiToken, listApiTokens, revokeApiToken } from '../../db/api-tokens';
import { ownerTimeZone } from '../../db/locations';
import { parseRole } from '../../auth/roles';
import { field, normalizeName } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import type { FieldErrors } from '../../views/accounts';
import { SecretOncePage, TokensPage } from '../../views/accounts-admin';
import { messages } from '../../i18n';

/** API tokens (owner only): created with a role, shown once, stored as a hash, revocable. */
export const tokenRoutes = new Hono<AppEnv>();
tokenRoutes.use('*', requirePermission('tokens'));

const CURRENT = '/admin/settings';

async function showTokens(
  c: Context<AppEnv>,
  options: { values?: { name: string; role: string }; errors?: FieldErrors; notice?: string; status?: 200 | 400 } = {},
) {
  const a = messages(c.get('locale')).accounts;
  const [tokens, timeZone] = await Promise.all([listApiTokens(c.env.DB), ownerTimeZone(c.env.DB)]);
  c.status(options.status ?? 200);
  return c.render(
    <TokensPage
      a={a}
      locale={c.get('locale')}
      timeZone={timeZone}
      tokens={tokens}
      values={options.values ?? { name: '', role: 'staff' }}
      errors={options.errors ?? {}}
      notice={options.notice}
    />,
    { title: a.tokens.title, current: CURRENT },
  );
}

tokenRoutes.get('/', (c) =>
  showTokens(c, {
    notice: c.req.query('revoked') === '1' ? messages(c.get('locale')).accounts.tokens.revokedNotice : undefined,
  }),
);

tokenRoutes.post('/', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const body = await c.req.parseBody();
  const values = { name: field(body, 'name', 200), role: field(body, 'role', 20) };
  const name = normalizeName(values.name, 60);
  const role = parseRole(values.role);
  const errors: FieldErrors = {};
  if (!name) errors.name = a.tokens.nameRequired;
  if (!role) errors.role = a.users.errors.roleInvalid;
  if (!name || !role) return showTokens(c, { values, errors, status: 400 });

  // A prefix makes a leaked token easy to recognise in logs and secret scanners.
  const token = `si_${randomToken(32)}`;
  await insertApiToken(
    c.env.DB,
    { id: randomToken(9), name, tokenHash: await sha256Hex(token), role, createdBy: c.get('actor')!.id },
    Date.now(),
  );
  // Shown in this response only; the database keeps its hash, so no redirect here.
  c.header('cache-control', 'no-store');
  c.status(201);
  return c.render(
    <SecretOncePage
      title={a.tokens.createdTitle}
      text={a.tokens.created}
      secret={token}
      label={name}
      back={{ href: '/admin/tokens', text: a.tokens.backToList }}
    />,
    { title: a.tokens.createdTitle, current: CURRENT },
  );
});

tokenRoutes.post('/:id/revoke', async (c) => {
  if (!(await revokeApiToken(c.env.DB, c.req.param('id'), Date.now()))) throw notFound('no such token');
  return c.redirect('/admin/tokens?revoked=1', 303);
});
