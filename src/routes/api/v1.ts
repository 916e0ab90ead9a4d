import { OpenAPIHono } from '@hono/zod-openapi';
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
import { openApiDocument, validationHook } from './openapi';
import { reviewsApi } from './reviews';

/** The CRM API: JSON in and out, a bearer token on every call. */
export const apiV1 = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

// The API description is public and registered before the token check, so it answers first. It is built on
// request from the routes' declarations.
apiV1.get('/openapi.json', (c) => {
  c.header('cache-control', 'public, max-age=300');
  return c.json(openApiDocument(apiV1, new URL(c.req.url).origin));
});
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
