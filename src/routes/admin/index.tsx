import { Hono } from 'hono';
import { requireCsrf, requirePermission, requireUser } from '../../auth/middleware';
import type { AppEnv } from '../../env';
import { renderPage, t } from '../../views/render';
import { accountRoutes } from './account';
import { locationRoutes } from './locations';
import { loginRoutes } from './login';
import { printRoutes } from './print';
import { privacyRoutes } from './privacy';
import { settingsRoutes } from './settings';
import { tokenRoutes } from './tokens';
import { userRoutes } from './users';

/** Owner and staff pages: everything but login needs a session, and forms a CSRF token. */
export const adminRoutes = new Hono<AppEnv>();

adminRoutes.route('/', loginRoutes);
adminRoutes.use('*', requireUser, requireCsrf);

adminRoutes.get('/', requirePermission('dashboard'), (c) => {
  const m = t(c);
  return renderPage(
    c,
    m.admin.home.title,
    <>
      <h1>{m.admin.home.title}</h1>
      <p class="muted">{m.admin.home.intro}</p>
    </>,
    { current: '/admin' },
  );
});

adminRoutes.route('/locations', locationRoutes);
adminRoutes.route('/print', printRoutes);
adminRoutes.route('/users', userRoutes);
adminRoutes.route('/tokens', tokenRoutes);
adminRoutes.route('/account', accountRoutes);
adminRoutes.route('/settings', settingsRoutes);
adminRoutes.route('/privacy', privacyRoutes);
