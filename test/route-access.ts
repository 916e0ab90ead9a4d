import { backOffice } from '../src/back-office';
import { app } from '../src/index';
import type { Permission } from '../src/auth/roles';
import type { Role } from '../src/auth/roles';

/**
 * Every route of the app and who may use it. A route missing here fails the first test, so
 * each new route gets an explicit access decision. 'signed-in': any role with a session.
 */
export type Access = 'public' | 'signed-in' | Permission;

export const ACCESS: Record<string, Access> = {
  // Customers, assets, first run, invitations, sign-in.
  'GET /': 'public',
  'GET /assets/:name': 'public',
  'GET /r/:code': 'public',
  'GET /R/:code': 'public',
  'GET /c/:code': 'public',
  'GET /C/:code': 'public',
  'POST /c/:code': 'public',
  'POST /telegram/webhook': 'public',
  'POST /max/webhook': 'public',
  'POST /C/:code': 'public',
  'GET /c/:code/:id': 'public',
  'GET /C/:code/:id': 'public',
  'POST /c/:code/:id': 'public',
  'POST /C/:code/:id': 'public',
  'GET /c/:code/:id/done': 'public',
  'GET /C/:code/:id/done': 'public',
  'GET /privacy/consent': 'public',
  'GET /setup': 'public',
  'POST /setup': 'public',
  'GET /invite/:token': 'public',
  'POST /invite/:token': 'public',
  'GET /reset/:token': 'public',
  'POST /reset/:token': 'public',
  'GET /admin/login': 'public',
  'POST /admin/login': 'public',
  'POST /admin/logout': 'public',
  'GET /api/v1/openapi.json': 'public',

  // Every role's way in: owner and manager see the Support Index, staff are sent to printing.
  'GET /admin': 'signed-in',
  // Owner and manager: the Support Index.

  'GET /admin/export.csv': 'dashboard',

  // Everyone signed in: their own account.
  'GET /admin/account': 'signed-in',
  'POST /admin/account/password': 'signed-in',
  'POST /admin/account/messenger-link': 'signed-in',
  'POST /admin/account/messenger-unlink': 'signed-in',
  'POST /admin/account/profile': 'signed-in',

  // Printing: every role.
  'GET /admin/locations/:id/brand': 'locations',
  'POST /admin/locations/:id/brand': 'locations',
  'GET /admin/locations/:id/brand/logo': 'locations',
  'POST /admin/locations/:id/brand/logo': 'locations',
  'POST /admin/locations/:id/brand/logo/delete': 'locations',
  'GET /admin/print': 'print',
  'POST /admin/print': 'print',
  'GET /admin/print/batches/:id': 'print',
  'GET /admin/print/batches/:id/pdf': 'print',
  'POST /admin/print/batches/:id/void': 'print',
  'POST /admin/print/batches/:id/handed-out': 'print',
  'POST /admin/print/batches/:id/void-cards': 'print',

  // Locations and complaint reasons.
  'GET /admin/locations': 'locations',
  'GET /admin/locations/new': 'locations',
  'GET /admin/locations/fit': 'locations',
  'GET /admin/locations/fit.js': 'locations',
  'POST /admin/locations/new': 'locations',
  'POST /admin/locations/time-zone': 'locations',
  'GET /admin/locations/:id': 'locations',
  'POST /admin/locations/:id': 'locations',
  'POST /admin/locations/:id/archive': 'locationWrites',
  'POST /admin/locations/:id/restore': 'locationWrites',
  'GET /admin/reasons': 'locations',
  'GET /admin/reasons/:locationId': 'locations',
  'POST /admin/reasons/:locationId/add': 'locations',
  'POST /admin/reasons/:locationId/:reasonId/rename': 'locations',
  'POST /admin/reasons/:locationId/:reasonId/move': 'locations',
  'POST /admin/reasons/:locationId/:reasonId/archive': 'locations',
  'POST /admin/reasons/:locationId/:reasonId/restore': 'locations',
  'POST /admin/reasons/:locationId/:reasonId/delete': 'locations',
  'POST /admin/reasons/:locationId/:reasonId/catch-all': 'locations',
  'POST /admin/reasons/:locationId/copy': 'locationWrites',

  // Complaints and their personal data.
  'GET /admin/complaints': 'complaints',
  'GET /admin/complaints/:id': 'complaints',
  'POST /admin/complaints/:id/contacted': 'complaints',
  'POST /admin/complaints/:id/resolved': 'complaints',
  'POST /admin/complaints/:id/reopen': 'complaints',
  'POST /admin/complaints/:id/note': 'complaints',
  'GET /admin/privacy/complaints/:id': 'complaints',
  'GET /admin/privacy/complaints/:id/export': 'complaints',
  'POST /admin/privacy/complaints/:id/erase': 'complaints',

  // Reviews and orders counts (the Support Index's numerator and denominator).
  'GET /admin/reviews': 'reviews',
  'POST /admin/reviews/count': 'reviews',
  'POST /admin/reviews/count/:id/delete': 'reviews',
  'POST /admin/reviews/import': 'reviews',
  'POST /admin/reviews/mode': 'reviews',
  'POST /admin/reviews/orders': 'reviews',
  'POST /admin/reviews/orders/import': 'reviews',
  'POST /admin/reviews/pending/:id': 'reviews',
  'POST /admin/reviews/count/:id/stand': 'reviews',
  'GET /admin/reviews/sample.csv': 'reviews',
  'GET /admin/reviews/google': 'settings',
  'POST /admin/reviews/google/config': 'settings',
  'GET /admin/reviews/google/connect': 'settings',
  'GET /admin/reviews/google/callback': 'settings',
  'POST /admin/reviews/google/map': 'settings',
  'POST /admin/reviews/google/sync': 'settings',
  'POST /admin/reviews/google/disconnect': 'settings',

  // Owner only.
  'GET /admin/settings': 'settings',
  'POST /admin/settings': 'settings',
  'GET /admin/settings/complaints': 'settings',
  'POST /admin/settings/complaints': 'settings',
  'POST /admin/settings/complaints/notifications/:id/retry': 'settings',
  'POST /admin/settings/complaints/telegram-test': 'settings',
  'POST /admin/settings/complaints/telegram-connect': 'settings',
  'POST /admin/settings/complaints/max': 'settings',
  'POST /admin/settings/complaints/max-test': 'settings',
  'POST /admin/settings/complaints/max-connect': 'settings',
  'POST /admin/settings/complaints/webhook-secret': 'settings',
  'GET /admin/users': 'users',
  'POST /admin/users/invite': 'users',
  'POST /admin/users/invites/:id/revoke': 'users',
  'POST /admin/users/:id/role': 'users',
  'POST /admin/users/:id/disable': 'users',
  'POST /admin/users/:id/enable': 'users',
  'POST /admin/users/:id/reset': 'users',
  'GET /admin/tokens': 'tokens',
  'POST /admin/tokens': 'tokens',
  'POST /admin/tokens/:id/revoke': 'tokens',

  // The CRM API.
  'POST /api/v1/batches': 'print',
  'GET /api/v1/batches/:id/pdf': 'print',
  'POST /api/v1/batches/:id/void': 'print',
  'POST /api/v1/batches/:id/handed-out': 'print',
  'GET /api/v1/locations': 'locations',
  'POST /api/v1/locations': 'locationWrites',
  'GET /api/v1/locations/:slug': 'locations',
  'PATCH /api/v1/locations/:slug': 'locationWrites',
  'GET /api/v1/settings/notifications': 'settings',
  'PATCH /api/v1/settings/notifications': 'settings',
  'POST /api/v1/cards/:code/void': 'print',
  'GET /api/v1/batches/:id/scans': 'dashboard',
  'GET /api/v1/preview': 'print',
  'GET /admin/print/preview': 'print',
  'GET /admin/print/preview.pdf': 'print',
  'GET /admin/print/preview.js': 'print',
  'PUT /api/v1/locations/:slug/logo': 'settings',
  'DELETE /api/v1/locations/:slug/logo': 'settings',
  'GET /api/v1/support-index': 'dashboard',
  'POST /api/v1/reviews': 'reviews',
  'GET /api/v1/reviews': 'reviews',
  'GET /api/v1/reviews/pending': 'reviews',
  'POST /api/v1/reviews/pending/:id': 'reviews',
  'POST /api/v1/orders': 'reviews',
  'GET /api/v1/complaints': 'complaints',
  'PATCH /api/v1/complaints/:id': 'complaints',

  // The public reply: the card's holder reads it, the owner and managers write it and its templates.
  'GET /c/:code/:id/reply': 'public',
  'GET /C/:code/:id/reply': 'public',
  'GET /admin/complaints/reply.js': 'complaints',
  'POST /admin/complaints/:id/reply': 'complaints',
  'GET /admin/locations/:id/replies': 'locations',
  'POST /admin/locations/:id/replies': 'locations',
  'POST /admin/locations/:id/replies/:templateId': 'locations',
  'POST /admin/locations/:id/replies/:templateId/delete': 'locations',
};

export const SAMPLES: Record<string, string> = {
  id: 'sample-id',
  code: 'ABCDEFGHJK',
  token: 'x'.repeat(43),
  locationId: '999999',
  reasonId: '999999',
};
export const ROLES: Role[] = ['owner', 'manager', 'staff'];

/**
 * The app's routes as "METHOD /path", handlers only (middleware is registered for ALL): the entry's
 * own and the back office's, which the entry hands every request under /admin and /api/v1 (the
 * tests below reach each of them through the Worker's fetch).
 */
export function appRoutes(): string[] {
  const handlers = [...app.routes, ...backOffice.routes].filter((r) => r.method !== 'ALL');
  return [...new Set(handlers.map((r) => `${r.method} ${r.path}`))].sort();
}
