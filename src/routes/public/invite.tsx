import { Hono, type Context } from 'hono';
import { randomToken, sha256Hex } from '../../auth/crypto';
import { hashPassword } from '../../auth/password';
import { homeFor } from '../../auth/roles';
import { rememberDevice } from '../../auth/devices';
import { startSession } from '../../auth/session';
import { acceptInvite, getLiveInvite } from '../../db/invites';
import type { Invite } from '../../auth/accounts';
import { checkNewPassword, field, normalizeName } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { InvitePage, MessagePage, type FieldErrors } from '../../views/accounts';
import { messages } from '../../i18n';

/** `/invite/<token>`: an invited person sets a name and password, once, before the link expires. */
export const inviteRoutes = new Hono<AppEnv>();

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

async function liveInvite(c: Context<AppEnv>, token: string): Promise<Invite | null> {
  if (!TOKEN.test(token)) return null;
  return getLiveInvite(c.env.DB, await sha256Hex(token), Date.now());
}

function invalidLink(c: Context<AppEnv>) {
  const a = messages(c.get('locale')).accounts;
  c.status(404);
  return c.render(<MessagePage title={a.invite.invalidTitle} text={a.invite.invalidText} />, {
    title: a.invite.invalidTitle,
  });
}

/** The product name and the language switch, as on the sign-in page: an invitee may read English. */
function brandBar(c: Context<AppEnv>, token: string) {
  return { switchHref: `/invite/${token}?lang=${messages(c.get('locale')).common.otherLocale}` };
}

inviteRoutes.get('/invite/:token', async (c) => {
  const token = c.req.param('token');
  const invite = await liveInvite(c, token);
  if (!invite) return invalidLink(c);
  const a = messages(c.get('locale')).accounts;
  c.header('referrer-policy', 'no-referrer');
  return c.render(
    <InvitePage a={a} token={token} email={invite.email} role={invite.role} values={{ name: '' }} errors={{}} />,
    { title: a.invite.title, brandBar: brandBar(c, token) },
  );
});

inviteRoutes.post('/invite/:token', async (c) => {
  const token = c.req.param('token');
  const invite = await liveInvite(c, token);
  if (!invite) return invalidLink(c);
  const a = messages(c.get('locale')).accounts;
  const body = await c.req.parseBody();
  const values = { name: field(body, 'name', 200) };
  const password = field(body, 'password', 1000);
  const errors: FieldErrors = {};
  const name = normalizeName(values.name);
  if (!name) errors.name = a.setup.nameRequired;
  const passwordError = checkNewPassword(password, field(body, 'confirm', 1000));
  if (passwordError) errors[passwordError === 'mismatch' ? 'confirm' : 'password'] = a.password[passwordError];
  const page = (status: 400 | 409, formError?: string) => {
    c.status(status);
    return c.render(
      <InvitePage
        a={a}
        token={token}
        email={invite.email}
        role={invite.role}
        values={values}
        errors={errors}
        formError={formError}
      />,
      { title: a.invite.title, brandBar: brandBar(c, token) },
    );
  };
  if (!name || passwordError) return page(400);

  const userId = randomToken(12);
  const now = Date.now();
  let accepted: boolean;
  try {
    accepted = await acceptInvite(
      c.env.DB,
      { tokenHash: await sha256Hex(token), userId, name, passwordHash: await hashPassword(password) },
      now,
    );
  } catch (error) {
    // The e-mail got an account after the invite was made (another invite, or the setup page).
    if (String(error).includes('UNIQUE')) return page(409, a.invite.taken);
    throw error;
  }
  if (!accepted) return invalidLink(c);
  await startSession(c, userId, now);
  await rememberDevice(c, userId, now);
  return c.redirect(homeFor(invite.role), 303);
});
