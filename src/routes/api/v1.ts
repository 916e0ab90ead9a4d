import { Hono } from 'hono';
import { requireToken } from '../../auth/middleware';
import type { AppEnv } from '../../env';
import { batchesApi } from './batches';

/** The CRM API: JSON in and out, a bearer token on every call. */
export const apiV1 = new Hono<AppEnv>();

apiV1.use('*', requireToken);
apiV1.route('/batches', batchesApi);
