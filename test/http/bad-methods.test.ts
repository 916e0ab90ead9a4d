import { describe, expect, it, beforeAll } from 'vitest';
import { call, createToken, ORIGIN, signIn } from '../helpers';
import { appRoutes } from '../route-access';

/**
 * Wrong methods on every route of the inventory, with a live session, its CSRF token and an owner
 * token, so the answer is about the method alone. In a file of its own: the runtime a test file
 * shares grows slower with every request made in it, and this walk makes several hundred.
 */

let owner: { cookie: string; csrf: string };
let apiToken: string;

beforeAll(async () => {
  owner = await signIn('owner');
  apiToken = await createToken('owner');
});

describe('wrong methods', () => {
  // One test per route: each gets its own time budget, and a failure names the route.
  const routes = appRoutes();
  it.each(routes)('%s answers other methods with 404 or 405, never 5xx', async (route) => {
    const [known, pattern] = route.split(' ') as [string, string];
    const path = pattern.replace(/:(\w+)/g, 'x');
    for (const method of ['PUT', 'DELETE', known === 'GET' ? 'POST' : 'GET']) {
      if (routes.includes(`${method} ${pattern}`)) continue;
      // A valid CSRF token, so the answer is about the method, not a refused form.
      const body = method === 'GET' ? undefined : `_csrf=${owner.csrf}`;
      const headers = {
        origin: ORIGIN,
        cookie: owner.cookie,
        authorization: `Bearer ${apiToken}`,
        'content-type': 'application/x-www-form-urlencoded',
      };
      const res = await call(path, { method, headers, body });
      expect([404, 405], `${method} ${path}`).toContain(res.status);
    }
  });
});
