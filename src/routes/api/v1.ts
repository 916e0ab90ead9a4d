import { Hono } from 'hono';
import { requireToken } from '../../auth/middleware';
import type { AppEnv } from '../../env';
import { batchesApi } from './batches';
import { cardsApi } from './cards';
import { complaintsApi } from './complaints';
import { locationLogoApi } from './location-logo';
import { locationsApi } from './locations';
import { previewApi } from './preview';
import { metricsApi } from './metrics';
import { notificationSettingsApi } from './notification-settings';
import { openApiRoutes } from './openapi';
import { reviewsApi } from './reviews';

/** The CRM API: JSON in and out, a bearer token on every call. */
export const apiV1 = new Hono<AppEnv>();

// The API description is public and registered before the token check, so it answers first.
apiV1.route('/', openApiRoutes);
apiV1.use('*', requireToken);
apiV1.route('/batches', batchesApi);
apiV1.route('/complaints', complaintsApi);
apiV1.route('/locations', locationsApi);
apiV1.route('/locations', locationLogoApi);
apiV1.route('/', previewApi);
apiV1.route('/settings/notifications', notificationSettingsApi);
apiV1.route('/', cardsApi);
apiV1.route('/', metricsApi);
apiV1.route('/reviews', reviewsApi);
