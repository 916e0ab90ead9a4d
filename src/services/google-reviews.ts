import { openText, randomToken, sealText } from '../auth/crypto';
import {
  getGoogleState,
  listGoogleLocations,
  recordGoogleSync,
  saveGoogleState,
  upsertGoogleLocations,
  upsertGoogleReviews,
  type GoogleState,
} from '../db/google';
import {
  backoffSeconds,
  freshReviews,
  googleEndpoints,
  GOOGLE_SCOPE,
  parseGoogleReview,
  type GoogleEndpoints,
  type GoogleReview,
} from '../domain/google-reviews';
import { checkTarget, httpFailure, targetPolicy } from '../domain/outbound';
import { dayOf } from '../domain/period';
import type { Bindings } from '../env';
import { AppError } from '../errors';

/**
 * Google Business Profile: the OAuth connection (consent, then a refresh token sealed with
 * APP_SECRET) and the sync the cron runs every 30 minutes: reviews.list newest first per mapped
 * location, stopping at the last updateTime seen; a 401 refreshes the access token once, a 429
 * backs off (Retry-After, else doubling from a minute) and the next cron run after it resumes.
 */

type GoogleEnv = Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN' | 'APP_SECRET'>;

const SYNC_INTERVAL_MS = 30 * 60_000;
const TIMEOUT_MS = 15_000;
const MAX_PAGES = 20;
const SEAL = {
  clientSecret: 'google-client-secret',
  refreshToken: 'google-refresh-token',
  accessToken: 'google-access-token',
} as const;

/** A failure with a fixed reason the owner can read; Google's answer itself is never kept. */
export class GoogleError extends Error {
  constructor(
    readonly reason: string,
    readonly status?: number,
    readonly retryAfter?: string | null,
  ) {
    super(reason);
  }
}

function secretOf(env: GoogleEnv): string {
  if (!env.APP_SECRET)
    throw new AppError(503, 'APP_SECRET is not set: it is needed to keep the Google token encrypted');
  return env.APP_SECRET;
}

/**
 * Google's addresses go through the outbound policy like every other: https to a public host,
 * except in development and tests, where a stand-in on this machine (http://127.0.0.1:…) is allowed.
 */
function googlePolicy(env: Pick<Bindings, 'APP_ENV' | 'PUBLIC_ORIGIN'>) {
  const local = env.APP_ENV === 'development' || env.APP_ENV === 'test';
  return targetPolicy(local ? 'development' : env.APP_ENV, [env.PUBLIC_ORIGIN]);
}

export function checkGoogleBase(env: Pick<Bindings, 'APP_ENV' | 'PUBLIC_ORIGIN'>, base: string): string | null {
  return base.trim() === '' ? null : checkTarget(base, googlePolicy(env));
}

async function call(env: GoogleEnv, url: string, init: RequestInit): Promise<unknown> {
  if (checkTarget(url, googlePolicy(env))) throw new GoogleError('refused address');
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new GoogleError((error as { name?: string } | null)?.name === 'TimeoutError' ? 'timeout' : 'network error');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new GoogleError(httpFailure(response.status), response.status, response.headers.get('retry-after'));
  }
  try {
    return await response.json();
  } catch {
    throw new GoogleError('not JSON');
  }
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Where Google sends the owner back after consent: the app's own origin. */
export function redirectUri(env: Pick<Bindings, 'PUBLIC_ORIGIN'>, requestUrl: string): string {
  const origin = env.PUBLIC_ORIGIN ? env.PUBLIC_ORIGIN.replace(/\/+$/, '') : new URL(requestUrl).origin;
  return `${origin}/admin/reviews/google/callback`;
}

/** Saves what the owner entered: client id, client secret (sealed; empty keeps the saved one), the bases. */
export async function saveGoogleConfig(
  env: GoogleEnv,
  input: { clientId: string; clientSecret: string; apiBase: string; oauthBase: string },
  now: number,
): Promise<void> {
  const changes: Partial<GoogleState> = {
    clientId: input.clientId.trim(),
    apiBase: input.apiBase.trim(),
    oauthBase: input.oauthBase.trim(),
  };
  if (input.clientSecret.trim())
    changes.clientSecret = await sealText(secretOf(env), SEAL.clientSecret, input.clientSecret.trim());
  await saveGoogleState(env.DB, changes, now);
}

/** The consent URL to send the owner to; its random state is kept to check the way back. */
export async function consentUrl(env: GoogleEnv, requestUrl: string, now: number): Promise<string> {
  const state = await getGoogleState(env.DB);
  if (!state.clientId || !state.clientSecret)
    throw new AppError(400, 'enter the client id and secret first', 'clientId');
  const endpoints = googleEndpoints(state.apiBase, state.oauthBase);
  if (checkTarget(endpoints.consent, googlePolicy(env)))
    throw new AppError(400, 'the OAuth address is refused', 'oauthBase');
  const nonce = randomToken(24);
  await saveGoogleState(env.DB, { oauthState: `${nonce}.${now}` }, now);
  const params = new URLSearchParams({
    client_id: state.clientId,
    redirect_uri: redirectUri(env, requestUrl),
    response_type: 'code',
    scope: GOOGLE_SCOPE,
    access_type: 'offline',
    prompt: 'consent',
    state: nonce,
  });
  return `${endpoints.consent}?${params}`;
}

const STATE_TTL_MS = 15 * 60_000;

/**
 * The way back from consent: the state must be the one just issued (once, within 15 minutes);
 * the code is exchanged for tokens, the refresh token sealed, then the account's locations read.
 */
export async function completeConsent(
  env: GoogleEnv,
  requestUrl: string,
  code: string,
  returnedState: string,
  now: number,
): Promise<number> {
  const state = await getGoogleState(env.DB);
  const [nonce, issued] = state.oauthState.split('.');
  await saveGoogleState(env.DB, { oauthState: '' }, now);
  if (!nonce || !returnedState || nonce !== returnedState || now - Number(issued) > STATE_TTL_MS) {
    throw new AppError(400, 'this Google sign-in link is stale: press “Connect” again', 'state');
  }
  const secret = secretOf(env);
  const clientSecret = await openText(secret, SEAL.clientSecret, state.clientSecret);
  if (!clientSecret) throw new AppError(400, 'enter the client secret again', 'clientSecret');
  const endpoints = googleEndpoints(state.apiBase, state.oauthBase);
  const tokens = (await call(
    env,
    endpoints.token,
    form({
      code,
      client_id: state.clientId,
      client_secret: clientSecret,
      redirect_uri: redirectUri(env, requestUrl),
      grant_type: 'authorization_code',
    }),
  )) as { access_token?: string; refresh_token?: string; expires_in?: number };
  if (!tokens.refresh_token || !tokens.access_token) throw new GoogleError('no refresh token');
  await saveGoogleState(
    env.DB,
    {
      refreshToken: await sealText(secret, SEAL.refreshToken, tokens.refresh_token),
      accessToken: await sealText(secret, SEAL.accessToken, tokens.access_token),
      accessTokenExpiresAt: now + (tokens.expires_in ?? 3600) * 1000,
      lastError: '',
      backoffUntil: 0,
      backoffSeconds: 0,
    },
    now,
  );
  return refreshLocations(env, now);
}

/** An access token: the saved one while it lasts, else (or when `force`d after a 401) a fresh one. */
async function accessToken(
  env: GoogleEnv,
  state: GoogleState,
  endpoints: GoogleEndpoints,
  now: number,
  force: boolean,
): Promise<string> {
  const secret = secretOf(env);
  if (!force && state.accessToken && state.accessTokenExpiresAt > now + 60_000) {
    const saved = await openText(secret, SEAL.accessToken, state.accessToken);
    if (saved) return saved;
  }
  const refresh = state.refreshToken ? await openText(secret, SEAL.refreshToken, state.refreshToken) : null;
  const clientSecret = state.clientSecret ? await openText(secret, SEAL.clientSecret, state.clientSecret) : null;
  if (!refresh || !clientSecret) throw new GoogleError('not connected');
  const tokens = (await call(
    env,
    endpoints.token,
    form({
      refresh_token: refresh,
      client_id: state.clientId,
      client_secret: clientSecret,
      grant_type: 'refresh_token',
    }),
  )) as {
    access_token?: string;
    expires_in?: number;
  };
  if (!tokens.access_token) throw new GoogleError('no access token');
  state.accessToken = await sealText(secret, SEAL.accessToken, tokens.access_token);
  state.accessTokenExpiresAt = now + (tokens.expires_in ?? 3600) * 1000;
  await saveGoogleState(
    env.DB,
    { accessToken: state.accessToken, accessTokenExpiresAt: state.accessTokenExpiresAt },
    now,
  );
  return tokens.access_token;
}

/** A GET with the bearer token; a 401 refreshes the token once and tries again. */
async function authorisedGet(
  env: GoogleEnv,
  state: GoogleState,
  endpoints: GoogleEndpoints,
  url: string,
  now: number,
): Promise<unknown> {
  const get = async (force: boolean) =>
    call(env, url, { headers: { authorization: `Bearer ${await accessToken(env, state, endpoints, now, force)}` } });
  try {
    return await get(false);
  } catch (error) {
    if (error instanceof GoogleError && error.status === 401) return get(true);
    throw error;
  }
}

/** Reads the account's locations (accounts.list, then locations.list of each) into google_locations. */
async function refreshLocations(env: GoogleEnv, now: number): Promise<number> {
  const state = await getGoogleState(env.DB);
  const endpoints = googleEndpoints(state.apiBase, state.oauthBase);
  const accounts =
    ((await authorisedGet(env, state, endpoints, endpoints.accounts, now)) as { accounts?: { name?: string }[] })
      .accounts ?? [];
  const found: { name: string; title: string }[] = [];
  for (const account of accounts) {
    if (!account.name || !/^accounts\/[\w-]+$/.test(account.name)) continue;
    let pageToken = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = `${endpoints.businessInformation}/${account.name}/locations?readMask=name,title&pageSize=100${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
      const body = (await authorisedGet(env, state, endpoints, url, now)) as {
        locations?: { name?: string; title?: string }[];
        nextPageToken?: string;
      };
      for (const l of body.locations ?? []) {
        const id = /^locations\/([\w-]+)$/.exec(l.name ?? '')?.[1];
        if (id) found.push({ name: `${account.name}/locations/${id}`, title: (l.title ?? id).slice(0, 200) });
      }
      if (!body.nextPageToken) break;
      pageToken = body.nextPageToken;
    }
  }
  await upsertGoogleLocations(env.DB, found);
  return found.length;
}

interface SyncResult {
  ran: boolean;
  stored: number;
  backedOff?: boolean;
  error?: string;
}

/** One location's new and edited reviews, newest first, until the last updateTime seen. */
async function syncLocation(
  env: GoogleEnv,
  state: GoogleState,
  endpoints: GoogleEndpoints,
  loc: { name: string; locationId: number; timeZone: string; lastUpdateTime: string | null },
  now: number,
): Promise<number> {
  let stored = 0;
  let newest: string | null = null;
  let averageRating: number | null = null;
  let totalReviewCount: number | null = null;
  let pageToken = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${endpoints.reviews}/${loc.name}/reviews?pageSize=50&orderBy=${encodeURIComponent('updateTime desc')}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
    const body = (await authorisedGet(env, state, endpoints, url, now)) as {
      reviews?: unknown[];
      averageRating?: number;
      totalReviewCount?: number;
      nextPageToken?: string;
    };
    if (page === 0) {
      averageRating = typeof body.averageRating === 'number' ? body.averageRating : null;
      totalReviewCount = typeof body.totalReviewCount === 'number' ? body.totalReviewCount : null;
    }
    const reviews = (body.reviews ?? []).map(parseGoogleReview).filter((r): r is GoogleReview => r !== null);
    const { fresh, done } = freshReviews(reviews, loc.lastUpdateTime);
    stored += await upsertGoogleReviews(
      env.DB,
      loc.locationId,
      fresh.map((r) => ({ ...r, day: dayOf(Date.parse(r.createTime), loc.timeZone) })),
      now,
    );
    for (const r of fresh) if (newest === null || Date.parse(r.updateTime) > Date.parse(newest)) newest = r.updateTime;
    if (done || !body.nextPageToken) break;
    pageToken = body.nextPageToken;
  }
  await recordGoogleSync(env.DB, loc.name, { lastUpdateTime: newest, averageRating, totalReviewCount }, now);
  return stored;
}

/**
 * The cron's task: at most every 30 minutes, and not while backing off after a 429. `force`:
 * the owner's "sync now". Never throws; a failure is kept as a fixed reason for the page.
 */
export async function syncGoogleReviews(env: GoogleEnv, now: number, force = false): Promise<SyncResult> {
  const state = await getGoogleState(env.DB);
  if (!state.refreshToken) return { ran: false, stored: 0 };
  if (now < state.backoffUntil) return { ran: false, stored: 0, backedOff: true };
  if (!force && now - state.lastSyncAt < SYNC_INTERVAL_MS - 60_000) return { ran: false, stored: 0 };
  await saveGoogleState(env.DB, { lastSyncAt: now }, now);
  const endpoints = googleEndpoints(state.apiBase, state.oauthBase);
  const mapped = (await listGoogleLocations(env.DB)).filter(
    (l): l is typeof l & { locationId: number } => l.locationId !== null,
  );
  let stored = 0;
  try {
    for (const loc of mapped) stored += await syncLocation(env, state, endpoints, loc, now);
  } catch (error) {
    const reason = error instanceof GoogleError ? error.reason : 'error';
    if (error instanceof GoogleError && error.status === 429) {
      const wait = backoffSeconds(error.retryAfter ?? null, state.backoffSeconds);
      await saveGoogleState(env.DB, { backoffUntil: now + wait * 1000, backoffSeconds: wait, lastError: reason }, now);
      return { ran: true, stored, backedOff: true, error: reason };
    }
    if (!(error instanceof GoogleError))
      console.error('google sync failed', error instanceof Error ? error.name : typeof error);
    await saveGoogleState(env.DB, { lastError: reason }, now);
    return { ran: true, stored, error: reason };
  }
  await saveGoogleState(env.DB, { lastError: '', backoffSeconds: 0 }, now);
  return { ran: true, stored };
}
