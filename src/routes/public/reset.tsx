import { Hono, type Context } from 'hono';
import { sha256Hex } from '../../auth/crypto';
import { hashPassword } from '../../auth/password';
import { homeFor } from '../../auth/roles';
import { rememberDevice } from '../../auth/devices';
import { startSession } from '../../auth/session';
import { throttleKeys } from '../../auth/throttle';
import { getLivePasswordReset, usePasswordReset, type PasswordReset } from '../../db/password-resets';
import { clearThrottle } from '../../db/throttle';
import { getUser } from '../../db/users';
import { checkNewPassword, field } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { MessagePage, ResetPasswordPage, type FieldErrors } from '../../views/accounts';
import { messages } from '../../i18n';

/** `/reset/<token>`: a person sets a new password with a link an owner (or the command line) gave them. */
export const resetRoutes = new Hono<AppEnv>();

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

async function liveReset(c: Context<AppEnv>, token: string): Promise<PasswordReset | null> {
  if (!TOKEN.test(token)) return null;
  return getLivePasswordReset(c.env.DB, await sha256Hex(token), Date.now());
}

function invalidLink(c: Context<AppEnv>) {
  const r = messages(c.get('locale')).recovery;
  c.status(404);
  return c.render(<MessagePage title={r.reset.invalidTitle} text={r.reset.invalidText} />, {
    title: r.reset.invalidTitle,
  });
}

/** The product name and the language switch, as on the sign-in page. */
function brandBar(c: Context<AppEnv>, token: string) {
  return { switchHref: `/reset/${token}?lang=${messages(c.get('locale')).common.otherLocale}` };
}

resetRoutes.get('/reset/:token', async (c) => {
  const token = c.req.param('token');
  const reset = await liveReset(c, token);
  if (!reset) return invalidLink(c);
  const a = messages(c.get('locale')).accounts;
  // The token is in the path: no other site may learn it from a Referer header.
  c.header('referrer-policy', 'no-referrer');
  c.header('cache-control', 'no-store');
  return c.render(
    <ResetPasswordPage a={a} r={messages(c.get('locale')).recovery} token={token} email={reset.email} errors={{}} />,
    { title: messages(c.get('locale')).recovery.reset.title, brandBar: brandBar(c, token) },
  );
});

resetRoutes.post('/reset/:token', async (c) => {
  const token = c.req.param('token');
  const reset = await liveReset(c, token);
  if (!reset) return invalidLink(c);
  const a = messages(c.get('locale')).accounts;
  const body = await c.req.parseBody();
  const password = field(body, 'password', 1000);
  const passwordError = checkNewPassword(password, field(body, 'confirm', 1000));
  if (passwordError) {
    const errors: FieldErrors = { [passwordError === 'mismatch' ? 'confirm' : 'password']: a.password[passwordError] };
    c.header('referrer-policy', 'no-referrer');
    c.status(400);
    return c.render(
      <ResetPasswordPage
        a={a}
        r={messages(c.get('locale')).recovery}
        token={token}
        email={reset.email}
        errors={errors}
      />,
      { title: messages(c.get('locale')).recovery.reset.title, brandBar: brandBar(c, token) },
    );
  }
  const now = Date.now();
  const userId = await usePasswordReset(c.env.DB, await sha256Hex(token), await hashPassword(password), now);
  if (!userId) return invalidLink(c);
  const user = await getUser(c.env.DB, userId);
  if (!user) return invalidLink(c);
  // A person locked out by wrong guesses gets in at once with the new password.
  await clearThrottle(c.env.DB, (await throttleKeys(c, user.email)).subject);
  // Every other session ended with the reset; this device starts a fresh one.
  await startSession(c, user.id, now);
  await rememberDevice(c, user.id, now);
  return c.redirect(homeFor(user.role), 303);
});
