import { Hono, type Context } from 'hono';
import { randomToken, sha256Hex } from '../../auth/crypto';
import { requirePermission } from '../../auth/middleware';
import { insertPasswordReset } from '../../db/password-resets';
import { insertInvite, listPendingInvites, revokeInvite } from '../../db/invites';
import { disableUser, enableUser, getUser, getUserByEmail, listUsers, setUserRole } from '../../db/users';
import { ownerTimeZone } from '../../db/locations';
import { parseRole } from '../../auth/roles';
import { field, normalizeEmail } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { fill, messages } from '../../i18n';
import { dateTime } from '../../views/accounts';
import type { FieldErrors } from '../../views/accounts';
import { inviteCreatedText, SecretOncePage, UsersPage } from '../../views/accounts-admin';

/** People and access (owner only): invitations, roles, disabling accounts. */
export const userRoutes = new Hono<AppEnv>();
userRoutes.use('*', requirePermission('users'));

const CURRENT = '/admin/settings';
const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

async function showUsers(
  c: Context<AppEnv>,
  options: {
    values?: { email: string; role: string };
    errors?: FieldErrors;
    error?: string;
    notice?: string;
    status?: 200 | 400 | 404;
  } = {},
) {
  const a = messages(c.get('locale')).accounts;
  const now = Date.now();
  const [users, invites, timeZone] = await Promise.all([
    listUsers(c.env.DB),
    listPendingInvites(c.env.DB, now),
    ownerTimeZone(c.env.DB),
  ]);
  c.status(options.status ?? 200);
  return c.render(
    <UsersPage
      a={a}
      locale={c.get('locale')}
      timeZone={timeZone}
      users={users}
      invites={invites}
      selfId={c.get('actor')!.id}
      values={options.values ?? { email: '', role: 'manager' }}
      errors={options.errors ?? {}}
      error={options.error}
      notice={options.notice}
    />,
    { title: a.users.title, current: CURRENT },
  );
}

userRoutes.get('/', (c) =>
  showUsers(c, { notice: c.req.query('saved') === '1' ? messages(c.get('locale')).accounts.users.saved : undefined }),
);

userRoutes.post('/invite', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const body = await c.req.parseBody();
  const values = { email: field(body, 'email', 300), role: field(body, 'role', 20) };
  const errors: FieldErrors = {};
  const email = normalizeEmail(values.email);
  const role = parseRole(values.role);
  if (!email) errors.email = a.users.errors.emailInvalid;
  else if (await getUserByEmail(c.env.DB, email)) errors.email = a.users.errors.emailTaken;
  if (!role) errors.role = a.users.errors.roleInvalid;
  if (!email || !role || errors.email) return showUsers(c, { values, errors, status: 400 });

  const token = randomToken(32);
  const now = Date.now();
  const expiresAt = now + INVITE_TTL_MS;
  await insertInvite(
    c.env.DB,
    { id: randomToken(9), tokenHash: await sha256Hex(token), email, role, createdBy: c.get('actor')!.id, expiresAt },
    now,
  );
  // The link is shown in this response only (the database keeps its hash), so no redirect here.
  c.header('cache-control', 'no-store');
  const link = `${new URL(c.req.url).origin}/invite/${token}`;
  c.status(201);
  return c.render(
    <SecretOncePage
      title={a.users.inviteCreatedTitle}
      text={inviteCreatedText(a, c.get('locale'), email, expiresAt, await ownerTimeZone(c.env.DB))}
      secret={link}
      label={a.users.inviteLink}
      back={{ href: '/admin/users', text: a.users.backToList }}
    />,
    { title: a.users.inviteCreatedTitle, current: CURRENT },
  );
});

userRoutes.post('/invites/:id/revoke', async (c) => {
  await revokeInvite(c.env.DB, c.req.param('id'), Date.now());
  return c.redirect('/admin/users?saved=1', 303);
});

async function existingUser(c: Context<AppEnv>) {
  const user = await getUser(c.env.DB, c.req.param('id') ?? '');
  if (!user) throw notFound(messages(c.get('locale')).accounts.users.errors.noUser);
  return user;
}

userRoutes.post('/:id/role', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const user = await existingUser(c);
  const role = parseRole(field(await c.req.parseBody(), 'role', 20));
  if (!role) return showUsers(c, { error: a.users.errors.roleInvalid, status: 400 });
  if (!(await setUserRole(c.env.DB, user.id, role)))
    return showUsers(c, { error: a.users.errors.lastOwner, status: 400 });
  return c.redirect('/admin/users?saved=1', 303);
});

userRoutes.post('/:id/disable', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const user = await existingUser(c);
  if (user.id === c.get('actor')!.id) return showUsers(c, { error: a.users.errors.self, status: 400 });
  if (user.disabledAt === null && !(await disableUser(c.env.DB, user.id, Date.now()))) {
    return showUsers(c, { error: a.users.errors.lastOwner, status: 400 });
  }
  return c.redirect('/admin/users?saved=1', 303);
});

userRoutes.post('/:id/enable', async (c) => {
  const user = await existingUser(c);
  await enableUser(c.env.DB, user.id);
  return c.redirect('/admin/users?saved=1', 303);
});

/**
 * A one-time password reset link for a person, shown once in this response (the database keeps
 * its hash). Using it sets a new password and ends every session of that person.
 */
userRoutes.post('/:id/reset', async (c) => {
  const locale = c.get('locale');
  const a = messages(locale).accounts;
  const r = messages(locale).recovery;
  const user = await existingUser(c);
  if (user.disabledAt !== null) return showUsers(c, { error: r.users.disabled, status: 400 });
  const token = randomToken(32);
  const now = Date.now();
  const expiresAt = now + RESET_TTL_MS;
  const stored = await insertPasswordReset(
    c.env.DB,
    {
      id: randomToken(9),
      tokenHash: await sha256Hex(token),
      userId: user.id,
      createdBy: c.get('actor')!.id,
      expiresAt,
    },
    now,
  );
  if (!stored) return showUsers(c, { error: r.users.disabled, status: 400 });
  c.header('cache-control', 'no-store');
  c.status(201);
  return c.render(
    <SecretOncePage
      title={r.users.issuedTitle}
      text={fill(r.users.issued, {
        email: user.email,
        until: dateTime(locale, expiresAt, await ownerTimeZone(c.env.DB)),
      })}
      secret={`${new URL(c.req.url).origin}/reset/${token}`}
      label={r.users.link}
      back={{ href: '/admin/users', text: a.users.backToList }}
    />,
    { title: r.users.issuedTitle, current: CURRENT },
  );
});
