import { Hono, type Context } from 'hono';
import { PBKDF2_ITERATIONS, verifyPassword } from '../../auth/password';
import { homeFor } from '../../auth/roles';
import { endSession, loadSession, startSession } from '../../auth/session';
import { knownDevice, rememberDevice } from '../../auth/devices';
import { recordLoginSuccess, takeLoginAttempt, throttleKeys } from '../../auth/throttle';
import { getUserByEmail } from '../../db/users';
import type { AppEnv } from '../../env';
import { fill, messages } from '../../i18n';
import { Field } from '../../views/layout';
import { useT } from '../../views/request';

/** Login and logout: the only /admin pages open without a session. */
export const loginRoutes = new Hono<AppEnv>();

/**
 * Only same-site relative paths of printable characters (no CR/LF or spaces, which would break
 * the Location header), so the login page cannot bounce anyone elsewhere.
 */
function safeNext(next: string | undefined): string {
  return next && /^\/admin(?:[/?#][\x21-\x7e]*)?$/.test(next) && !next.startsWith('//') && !next.includes('\\')
    ? next
    : '/admin';
}

/**
 * Unknown e-mails are checked against this hash, so a wrong address costs the same time as a
 * wrong password and response times do not reveal who has an account.
 */
const DECOY_HASH = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${'5a'.repeat(16)}$${'00'.repeat(32)}`;

function LoginForm(props: { email: string; next: string; error?: string; notice?: string }) {
  const t = useT();
  return (
    <div class="narrow">
      <h1>{t.auth.loginTitle}</h1>
      <p class="muted">{t.auth.loginIntro}</p>
      {props.notice && (
        <div class="alert ok" role="status">
          {props.notice}
        </div>
      )}
      {props.error && (
        <div class="alert error" role="alert">
          {props.error}
        </div>
      )}
      <form method="post" action="/admin/login" class="panel">
        <input type="hidden" name="next" value={props.next} />
        <Field id="email" label={t.auth.email}>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email}
            maxlength={200}
          />
        </Field>
        <Field id="password" label={t.auth.password}>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxlength={200}
          />
        </Field>
        <div class="actions">
          <button class="btn" type="submit">
            {t.auth.submit}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The language switch of the sign-in page keeps where the person was going. */
function brandBar(c: Context<AppEnv>, next: string) {
  const other = messages(c.get('locale')).common.otherLocale;
  return { switchHref: `/admin/login?lang=${other}${next === '/admin' ? '' : `&next=${encodeURIComponent(next)}`}` };
}

loginRoutes.get('/login', async (c) => {
  const next = safeNext(c.req.query('next'));
  if (await loadSession(c, Date.now())) return c.redirect(next, 303);
  const t = messages(c.get('locale'));
  const notice = c.req.query('bye') === '1' ? t.auth.loggedOut : undefined;
  return c.render(<LoginForm email="" next={next} notice={notice} />, {
    title: t.auth.loginTitle,
    brandBar: brandBar(c, next),
  });
});

loginRoutes.post('/login', async (c) => {
  const body = await c.req.parseBody();
  const email = typeof body.email === 'string' ? body.email.trim().slice(0, 200) : '';
  const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
  const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
  const now = Date.now();
  const user = email ? await getUserByEmail(c.env.DB, email) : null;
  // A browser this person signed in from before counts against its own limit, not the
  // account's, so strangers who lock the account do not lock its owner out.
  const device = await knownDevice(c, user?.id, now);
  const keys = await throttleKeys(c, email, device);
  // The attempt is counted before the password is looked at, so parallel guesses cannot pass the limit.
  const locked = await takeLoginAttempt(c.env.DB, keys, now);
  if (locked !== null) {
    const t = messages(c.get('locale'));
    const minutes = Math.max(1, Math.ceil((locked - now) / 60_000));
    c.header('retry-after', String(Math.max(1, Math.ceil((locked - now) / 1000))));
    const error = fill(messages(c.get('locale')).accounts.login.locked, { minutes });
    c.status(429);
    return c.render(<LoginForm email={email} next={next} error={error} />, {
      title: t.auth.loginTitle,
      brandBar: brandBar(c, next),
    });
  }
  const matches = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
  const ok = user !== null && user.disabledAt === null && matches;
  if (!ok) {
    const t = messages(c.get('locale'));
    c.status(401);
    return c.render(<LoginForm email={email} next={next} error={t.auth.failed} />, {
      title: t.auth.loginTitle,
      brandBar: brandBar(c, next),
    });
  }
  await recordLoginSuccess(c.env.DB, keys);
  await startSession(c, user.id, now);
  if (!device) await rememberDevice(c, user.id, now);
  // The default landing page is the dashboard, which staff cannot open: send them to printing.
  return c.redirect(next === '/admin' ? homeFor(user.role) : next, 303);
});

loginRoutes.post('/logout', async (c) => {
  await endSession(c);
  return c.redirect('/admin/login?bye=1', 303);
});
