import { Hono } from 'hono';
import { requireCsrf, requireUser } from '../../auth/middleware';
import type { AppEnv } from '../../env';
import { accountRoutes } from './account';
import { dashboardRoutes } from './dashboard';
import { reviewRoutes } from './reviews';
import { googleRoutes } from './google';
import { complaintSettingsRoutes } from './complaint-settings';
import { inboxRoutes } from './complaints';
import { locationBrandRoutes } from './location-brand';
import { locationRoutes } from './locations';
import { loginRoutes } from './login';
import { printRoutes } from './print';
import { reasonRoutes } from './reasons';
import { replyTemplateRoutes } from './reply-templates';
import { privacyRoutes } from './privacy';
import { settingsRoutes } from './settings';
import { tokenRoutes } from './tokens';
import { userRoutes } from './users';

/** Owner and staff pages: everything but login needs a session, and forms a CSRF token. */
export const adminRoutes = new Hono<AppEnv>();

adminRoutes.route('/', loginRoutes);
adminRoutes.use('*', requireUser, requireCsrf);

adminRoutes.route('/', dashboardRoutes);
adminRoutes.route('/reviews/google', googleRoutes);
adminRoutes.route('/reviews', reviewRoutes);
adminRoutes.route('/locations', locationBrandRoutes);
adminRoutes.route('/locations', replyTemplateRoutes);
adminRoutes.route('/locations', locationRoutes);
adminRoutes.route('/print', printRoutes);
adminRoutes.route('/complaints', inboxRoutes);
adminRoutes.route('/reasons', reasonRoutes);
adminRoutes.route('/settings/complaints', complaintSettingsRoutes);
adminRoutes.route('/users', userRoutes);
adminRoutes.route('/tokens', tokenRoutes);
adminRoutes.route('/account', accountRoutes);
adminRoutes.route('/settings', settingsRoutes);
adminRoutes.route('/privacy', privacyRoutes);
