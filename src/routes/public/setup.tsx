import { Hono, type Context } from 'hono';
import { constantTimeEqual, randomToken } from '../../auth/crypto';
import { hashPassword } from '../../auth/password';
import { rememberDevice } from '../../auth/devices';
import { startSession } from '../../auth/session';
import { countAnyOwners, insertFirstOwner } from '../../db/users';
import { checkNewPassword, field, normalizeEmail, normalizeName } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { SetupPage, type FieldErrors } from '../../views/accounts';
import { messages } from '../../i18n';

/**
 * `/setup?secret=<SETUP_SECRET>`: creates the first owner of a fresh deployment. Without the
 * secret, with a wrong one, or once an owner exists, it is an ordinary 404 that hints at nothing.
 */
export const setupRoutes = new Hono<AppEnv>();

async function guard(c: Context<AppEnv>, secret: string): Promise<void> {
  const expected = c.env.SETUP_SECRET ?? '';
  // An unset or trivially short secret would make the link guessable: treat it as no setup at all.
  const ok = expected.length >= 16 && constantTimeEqual(secret, expected);
  if (!ok || (await countAnyOwners(c.env.DB)) > 0) throw notFound('no such page');
}

setupRoutes.get('/setup', async (c) => {
  const secret = (c.req.query('secret') ?? '').slice(0, 200);
  await guard(c, secret);
  const a = messages(c.get('locale')).accounts;
  return c.render(
    <SetupPage a={a} emailLabel={a.setup.email} secret={secret} values={{ name: '', email: '' }} errors={{}} />,
    { title: a.setup.title },
  );
});

setupRoutes.post('/setup', async (c) => {
  const body = await c.req.parseBody();
  const secret = field(body, 'secret', 200);
  await guard(c, secret);
  const a = messages(c.get('locale')).accounts;
  const values = { name: field(body, 'name', 200), email: field(body, 'email', 300) };
  const password = field(body, 'password', 1000);
  const errors: FieldErrors = {};
  const name = normalizeName(values.name);
  const email = normalizeEmail(values.email);
  if (!name) errors.name = a.setup.nameRequired;
  if (!email) errors.email = a.setup.emailInvalid;
  const passwordError = checkNewPassword(password, field(body, 'confirm', 1000));
  if (passwordError) errors[passwordError === 'mismatch' ? 'confirm' : 'password'] = a.password[passwordError];
  if (!name || !email || passwordError) {
    c.status(400);
    return c.render(<SetupPage a={a} emailLabel={a.setup.email} secret={secret} values={values} errors={errors} />, {
      title: a.setup.title,
    });
  }
  const id = randomToken(12);
  const now = Date.now();
  if (!(await insertFirstOwner(c.env.DB, { id, email, name, passwordHash: await hashPassword(password) }, now))) {
    throw notFound('no such page');
  }
  await startSession(c, id, now);
  await rememberDevice(c, id, now);
  return c.redirect('/admin', 303);
});
