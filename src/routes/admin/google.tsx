import { Hono, type Context } from 'hono';
import { requirePermission } from '../../auth/middleware';
import { forgetGoogleTokens, getGoogleState, listGoogleLocations, mapGoogleLocation } from '../../db/google';
import { listLocations, ownerTimeZone } from '../../db/locations';
import { isGoogleLocationName } from '../../domain/google-reviews';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { fill, messages } from '../../i18n';
import {
  checkGoogleBase,
  completeConsent,
  consentUrl,
  GoogleError,
  redirectUri,
  saveGoogleConfig,
  syncGoogleReviews,
} from '../../services/google-reviews';
import { GooglePage, type GooglePageProps } from '../../views/google-connect';

/** `/admin/reviews/google` (owner): the Google Business Profile connection and location mapping. */
export const googleRoutes = new Hono<AppEnv>();
googleRoutes.use('*', requirePermission('settings'));

const HOME = '/admin/reviews/google';

async function showPage(
  c: Context<AppEnv>,
  extra: Pick<GooglePageProps, 'notice' | 'error' | 'failed'>,
  status: 200 | 400 = 200,
) {
  const [state, googleLocations, locations, timeZone] = await Promise.all([
    getGoogleState(c.env.DB),
    listGoogleLocations(c.env.DB),
    listLocations(c.env.DB),
    ownerTimeZone(c.env.DB),
  ]);
  const m = messages(c.get('locale')).google;
  c.status(status);
  return c.render(
    <GooglePage
      locale={c.get('locale')}
      redirectUri={redirectUri(c.env, c.req.url)}
      config={{
        clientId: state.clientId,
        hasSecret: state.clientSecret !== '',
        apiBase: state.apiBase,
        oauthBase: state.oauthBase,
      }}
      connected={state.refreshToken !== ''}
      lastSyncAt={state.lastSyncAt}
      timeZone={timeZone}
      lastError={state.lastError}
      backoffUntil={state.backoffUntil}
      googleLocations={googleLocations}
      locations={locations.filter((l) => l.archivedAt === null).map((l) => ({ id: l.id, name: l.name }))}
      {...extra}
    />,
    { title: m.title, current: '/admin/reviews' },
  );
}

async function fields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === 'string' && key !== '_csrf') values[key] = value.slice(0, 300);
  return values;
}

googleRoutes.get('/', (c) => {
  const m = messages(c.get('locale')).google;
  const q = c.req.query();
  const notice =
    q.saved === 'config'
      ? m.config.saved
      : q.saved === 'map'
        ? m.mapping.saved
        : q.saved === 'disconnected'
          ? m.disconnected
          : q.connected !== undefined
            ? fill(m.connected, { n: Number(q.connected) || 0 })
            : q.synced !== undefined
              ? fill(m.synced, { n: Number(q.synced) || 0 })
              : undefined;
  return showPage(c, { notice });
});

googleRoutes.post('/config', async (c) => {
  const m = messages(c.get('locale')).google;
  const values = await fields(c);
  const state = await getGoogleState(c.env.DB);
  const errors: Record<string, string> = {};
  if (!values.clientId?.trim()) errors.clientId = m.errors.clientId;
  if (!values.clientSecret?.trim() && !state.clientSecret) errors.clientSecret = m.errors.clientSecret;
  for (const key of ['apiBase', 'oauthBase'] as const)
    if (checkGoogleBase(c.env, values[key] ?? '')) errors[key] = m.errors.base;
  if (Object.keys(errors).length > 0)
    return showPage(c, { failed: { values: { ...values, clientSecret: '' }, errors } }, 400);
  await saveGoogleConfig(
    c.env,
    {
      clientId: values.clientId ?? '',
      clientSecret: values.clientSecret ?? '',
      apiBase: values.apiBase ?? '',
      oauthBase: values.oauthBase ?? '',
    },
    Date.now(),
  );
  return c.redirect(`${HOME}?saved=config`, 303);
});

// A link, not a form: the page's CSP (form-action 'self') stops a form's redirect to Google.
// Starting a consent changes nothing but the one-time state, so a GET is harmless.
googleRoutes.get('/connect', async (c) => {
  try {
    return c.redirect(await consentUrl(c.env, c.req.url, Date.now()), 302);
  } catch (error) {
    if (error instanceof AppError && error.status === 400) return showPage(c, { error: error.message }, 400);
    throw error;
  }
});

googleRoutes.get('/callback', async (c) => {
  const m = messages(c.get('locale')).google;
  const q = c.req.query();
  if (q.error) return showPage(c, { error: fill(m.errors.denied, { reason: q.error.slice(0, 60) }) }, 400);
  try {
    const found = await completeConsent(c.env, c.req.url, q.code ?? '', q.state ?? '', Date.now());
    return c.redirect(`${HOME}?connected=${found}`, 303);
  } catch (error) {
    if (error instanceof AppError && error.field === 'state') return showPage(c, { error: m.errors.state }, 400);
    if (error instanceof AppError && error.status === 400) return showPage(c, { error: error.message }, 400);
    if (error instanceof GoogleError)
      return showPage(c, { error: fill(m.errors.failed, { reason: error.reason }) }, 400);
    throw error;
  }
});

googleRoutes.post('/map', async (c) => {
  const values = await fields(c);
  const active = new Set((await listLocations(c.env.DB)).filter((l) => l.archivedAt === null).map((l) => l.id));
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith('map:') || !isGoogleLocationName(key.slice(4))) continue;
    const id = value === '' ? null : Number(value);
    if (id !== null && !active.has(id)) continue;
    await mapGoogleLocation(c.env.DB, key.slice(4), id);
  }
  return c.redirect(`${HOME}?saved=map`, 303);
});

googleRoutes.post('/sync', async (c) => {
  const m = messages(c.get('locale')).google;
  const result = await syncGoogleReviews(c.env, Date.now(), true);
  if (result.error) return showPage(c, { error: fill(m.syncFailed, { reason: result.error }) }, 400);
  return c.redirect(`${HOME}?synced=${result.stored}`, 303);
});

googleRoutes.post('/disconnect', async (c) => {
  await forgetGoogleTokens(c.env.DB, Date.now());
  return c.redirect(`${HOME}?saved=disconnected`, 303);
});
