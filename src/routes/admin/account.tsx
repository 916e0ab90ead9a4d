import { Hono, type Context } from 'hono';
import { randomToken } from '../../auth/crypto';
import { ownerTimeZone } from '../../db/locations';
import { currentLinkCode, deleteMessengerLinks, listMessengerLinks, saveLinkCode } from '../../db/messenger-links';
import { getSettings } from '../../db/settings';
import { MessengerLinksPanel } from '../../views/account-messengers';
import { hashPassword, verifyPassword } from '../../auth/password';
import { startSession } from '../../auth/session';
import { rememberDevice } from '../../auth/devices';
import { recordLoginSuccess, takeLoginAttempt, throttleKeys } from '../../auth/throttle';
import { changePassword, getUser, getUserByEmail, updateProfile, type User } from '../../db/users';
import { checkNewPassword, field, normalizeEmail, normalizeName } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { fill, messages } from '../../i18n';
import { AccountPage, ProfileForm, type FieldErrors } from '../../views/accounts';

/** A signed-in person's own account: every role may change its own password. */
export const accountRoutes = new Hono<AppEnv>();

const CURRENT = '/admin/account';
/** How long a one-time link to the bot stays valid. */
const LINK_CODE_MINUTES = 30;

accountRoutes.use('*', async (c, next) => {
  // API-token actors never reach /admin, but be explicit: this page is about a person.
  if (c.get('actor')?.kind !== 'user') throw new AppError(401, 'Authentication required');
  await next();
});

/** The "My messengers" panel: linked Telegram/MAX users, and the current one-time link. */
async function messengersPanel(c: Context<AppEnv>, notice?: string) {
  const actor = c.get('actor')!;
  const locale = c.get('locale');
  const now = Date.now();
  const [user, links, settings, code, timeZone] = await Promise.all([
    getUser(c.env.DB, actor.id),
    listMessengerLinks(c.env.DB, actor.id),
    getSettings(c.env.DB),
    currentLinkCode(c.env.DB, actor.id, now),
    ownerTimeZone(c.env.DB),
  ]);
  return (
    <MessengerLinksPanel
      locale={locale}
      timeZone={timeZone}
      name={user?.name || actor.label}
      links={links}
      bots={{
        telegram: settings.telegramBotToken && settings.telegramBotUsername ? settings.telegramBotUsername : null,
        max: settings.maxBotToken && settings.maxBotUsername ? settings.maxBotUsername : null,
      }}
      code={code}
      notice={notice}
    />
  );
}

/** The page: the name and e-mail form above the password form, each with its own errors. */
async function showAccount(
  c: Context<AppEnv>,
  user: User,
  options: {
    passwordErrors?: FieldErrors;
    changed?: boolean;
    profile?: { values: { name: string; email: string }; errors: FieldErrors };
    saved?: boolean;
    status?: 200 | 400 | 409 | 429;
    messengersNotice?: string;
  } = {},
) {
  const a = messages(c.get('locale')).accounts;
  const r = messages(c.get('locale')).recovery;
  const profile = options.profile ?? { values: { name: user.name, email: user.email }, errors: {} };
  c.status(options.status ?? 200);
  return c.render(
    <AccountPage
      a={a}
      email={user.email}
      role={user.role}
      errors={options.passwordErrors ?? {}}
      changed={options.changed ?? false}
      messengers={await messengersPanel(c, options.messengersNotice)}
    >
      <ProfileForm r={r} values={profile.values} errors={profile.errors} saved={options.saved ?? false} />
    </AccountPage>,
    { title: a.account.title, current: CURRENT },
  );
}

async function currentUser(c: Context<AppEnv>): Promise<User> {
  const user = await getUser(c.env.DB, c.get('actor')!.id);
  if (!user) throw new AppError(401, 'Authentication required');
  return user;
}

accountRoutes.get('/', async (c) =>
  showAccount(c, await currentUser(c), {
    changed: c.req.query('changed') === '1',
    saved: c.req.query('saved') === '1',
    messengersNotice:
      c.req.query('unlinked') === '1' ? messages(c.get('locale')).messengers.account.unlinked : undefined,
  }),
);

/** Name and e-mail. A new e-mail is the new login, so it takes the current password (throttled like sign-in). */
accountRoutes.post('/profile', async (c) => {
  const r = messages(c.get('locale')).recovery.profile;
  const user = await currentUser(c);
  const body = await c.req.parseBody();
  const values = { name: field(body, 'name', 200), email: field(body, 'email', 300) };
  const errors: FieldErrors = {};
  const name = normalizeName(values.name);
  const email = normalizeEmail(values.email);
  if (!name) errors.name = r.nameRequired;
  if (!email) errors.email = r.emailInvalid;
  let status: 400 | 409 | 429 = 400;
  if (email && email !== user.email.toLowerCase()) {
    const other = await getUserByEmail(c.env.DB, email);
    if (other && other.id !== user.id) {
      errors.email = r.emailTaken;
      status = 409;
    } else {
      const current = field(body, 'current', 1000);
      if (!current) errors.profileCurrent = r.currentRequired;
      else {
        const keys = await throttleKeys(c, user.email);
        const locked = await takeLoginAttempt(c.env.DB, keys, Date.now());
        if (locked !== null) {
          errors.profileCurrent = fill(messages(c.get('locale')).accounts.login.locked, {
            minutes: Math.max(1, Math.ceil((locked - Date.now()) / 60_000)),
          });
          status = 429;
        } else if (!(await verifyPassword(current, user.passwordHash))) errors.profileCurrent = r.wrongCurrent;
        else await recordLoginSuccess(c.env.DB, keys);
      }
    }
  }
  if (Object.keys(errors).length > 0 || !name || !email)
    return showAccount(c, user, { profile: { values, errors }, status });
  if (!(await updateProfile(c.env.DB, user.id, { name, email }))) {
    return showAccount(c, user, { profile: { values, errors: { email: r.emailTaken } }, status: 409 });
  }
  return c.redirect('/admin/account?saved=1', 303);
});

/** A fresh one-time code for this person's own Telegram/MAX link (`/start <code>` to the bot). */
accountRoutes.post('/messenger-link', async (c) => {
  const now = Date.now();
  await saveLinkCode(
    c.env.DB,
    c.get('actor')!.id,
    randomToken(16).replace(/[^\w-]/g, 'x'),
    now + LINK_CODE_MINUTES * 60_000,
    now,
  );
  return c.redirect('/admin/account#messengers', 303);
});

accountRoutes.post('/messenger-unlink', async (c) => {
  const body = await c.req.parseBody();
  const channel = body.channel;
  if (channel !== 'telegram' && channel !== 'max') throw new AppError(400, 'channel must be telegram or max');
  await deleteMessengerLinks(c.env.DB, c.get('actor')!.id, channel);
  return c.redirect('/admin/account?unlinked=1#messengers', 303);
});

accountRoutes.post('/password', async (c) => {
  const a = messages(c.get('locale')).accounts;
  const actor = c.get('actor')!;
  const user = await getUser(c.env.DB, actor.id);
  if (!user) throw new AppError(401, 'Authentication required');
  const body = await c.req.parseBody();
  const password = field(body, 'password', 1000);
  const errors: FieldErrors = {};
  // The same throttle as the login page, so a borrowed session cannot guess the password here.
  const keys = await throttleKeys(c, user.email);
  const locked = await takeLoginAttempt(c.env.DB, keys, Date.now());
  if (locked !== null) {
    errors.current = fill(a.login.locked, { minutes: Math.max(1, Math.ceil((locked - Date.now()) / 60_000)) });
  } else if (!(await verifyPassword(field(body, 'current', 1000), user.passwordHash))) {
    errors.current = a.account.wrongCurrent;
  } else {
    await recordLoginSuccess(c.env.DB, keys);
  }
  const passwordError = checkNewPassword(password, field(body, 'confirm', 1000));
  if (passwordError) errors[passwordError === 'mismatch' ? 'confirm' : 'password'] = a.password[passwordError];
  if (Object.keys(errors).length > 0) {
    return showAccount(c, user, { passwordErrors: errors, status: locked !== null ? 429 : 400 });
  }
  const now = Date.now();
  // Every session of this person ends, this one included; then a fresh one starts here.
  await changePassword(c.env.DB, user.id, await hashPassword(password), now);
  await startSession(c, user.id, now);
  // The new password forgot every device; the one it was set on is remembered afresh.
  await rememberDevice(c, user.id, now);
  return c.redirect('/admin/account?changed=1', 303);
});
