import { Hono, type Context } from 'hono';
import { randomToken } from '../../auth/crypto';
import { currentLinkCode, deleteMessengerLinks, listMessengerLinks, saveLinkCode } from '../../db/messenger-links';
import { getSettings } from '../../db/settings';
import { DEFAULT_TIME_ZONE } from '../../domain/time';
import { messengers } from '../../i18n/messengers';
import { MessengerLinksPanel } from '../../views/account-messengers';
import { hashPassword, verifyPassword } from '../../auth/password';
import { startSession } from '../../auth/session';
import { rememberDevice } from '../../auth/devices';
import { recordLoginSuccess, takeLoginAttempt, throttleKeys } from '../../auth/throttle';
import { changePassword, getUser } from '../../db/users';
import { checkNewPassword, field } from '../../domain/account-forms';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { fill } from '../../i18n';
import { accounts } from '../../i18n/accounts';
import { AccountPage, type FieldErrors } from '../../views/accounts';
import { renderPage } from '../../views/render';

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
  const [user, links, settings, code] = await Promise.all([getUser(c.env.DB, actor.id), listMessengerLinks(c.env.DB, actor.id), getSettings(c.env.DB), currentLinkCode(c.env.DB, actor.id, now)]);
  return (
    <MessengerLinksPanel
      t={messengers[locale].account}
      locale={locale}
      timeZone={DEFAULT_TIME_ZONE}
      name={user?.name || actor.label}
      links={links}
      bots={{
        telegram: settings.telegramBotToken && settings.telegramBotUsername ? settings.telegramBotUsername : null,
        max: settings.maxBotToken && settings.maxBotUsername ? settings.maxBotUsername : null,
      }}
      code={code}
      notice={notice}
      csrfToken={c.get('csrfToken')}
    />
  );
}

accountRoutes.get('/', async (c) => {
  const a = accounts[c.get('locale')];
  const actor = c.get('actor')!;
  const notice = c.req.query('unlinked') === '1' ? messengers[c.get('locale')].account.unlinked : undefined;
  return renderPage(
    c,
    a.account.title,
    <AccountPage a={a} email={actor.label} role={actor.role} errors={{}} changed={c.req.query('changed') === '1'} csrfToken={c.get('csrfToken')} messengers={await messengersPanel(c, notice)} />,
    { current: CURRENT },
  );
});

/** A fresh one-time code for this person's own Telegram/MAX link (`/start <code>` to the bot). */
accountRoutes.post('/messenger-link', async (c) => {
  const now = Date.now();
  await saveLinkCode(c.env.DB, c.get('actor')!.id, randomToken(16).replace(/[^\w-]/g, 'x'), now + LINK_CODE_MINUTES * 60_000, now);
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
  const a = accounts[c.get('locale')];
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
    return renderPage(c, a.account.title, <AccountPage a={a} email={actor.label} role={actor.role} errors={errors} changed={false} csrfToken={c.get('csrfToken')} messengers={await messengersPanel(c)} />, {
      status: locked !== null ? 429 : 400,
      current: CURRENT,
    });
  }
  const now = Date.now();
  // Every session of this person ends, this one included; then a fresh one starts here.
  await changePassword(c.env.DB, user.id, await hashPassword(password), now);
  await startSession(c, user.id, now);
  // The new password forgot every device; the one it was set on is remembered afresh.
  await rememberDevice(c, user.id, now);
  return c.redirect('/admin/account?changed=1', 303);
});
