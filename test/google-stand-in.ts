/**
 * A stand-in for Google's OAuth and Business Profile endpoints, answering in the documented
 * shapes (token: access_token/refresh_token/expires_in; accounts[]; locations[] with title;
 * reviews[] with starRating ONE..FIVE, averageRating, totalReviewCount, nextPageToken).
 * `handle` serves a request by path; tests queue one-off answers (401, 429) in `script`.
 */
export interface StandInReview {
  reviewId: string;
  starRating: 'ONE' | 'TWO' | 'THREE' | 'FOUR' | 'FIVE' | 'STAR_RATING_UNSPECIFIED';
  createTime: string;
  updateTime: string;
}

export function googleStandIn(pageSize = 2) {
  const requests: { path: string; query: URLSearchParams; body: string; authorization: string | null }[] = [];
  /** Reviews per location name, newest update first as reviews.list orders them. */
  const reviews = new Map<string, StandInReview[]>();
  const script: Response[] = [];
  let accessToken = 'access-1';
  let issued = 0;

  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

  async function handle(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const body = typeof init?.body === 'string' ? init.body : '';
    const authorization = new Headers(init?.headers).get('authorization');
    requests.push({ path: url.pathname, query: url.searchParams, body, authorization });
    if (url.pathname === '/o/oauth2/v2/auth') {
      // The owner agrees at once: back to the app with a code and the state it sent.
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', 'consent-code-1');
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return new Response(null, { status: 302, headers: { location: back.toString() } });
    }
    if (url.pathname === '/token') {
      issued += 1;
      accessToken = `access-${issued}`;
      const form = new URLSearchParams(body);
      return json(
        form.get('grant_type') === 'authorization_code'
          ? { access_token: accessToken, refresh_token: 'refresh-secret-1', expires_in: 3599, token_type: 'Bearer' }
          : { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' },
      );
    }
    if (authorization !== `Bearer ${accessToken}`)
      return json({ error: { code: 401, status: 'UNAUTHENTICATED' } }, 401);
    const queued = script.shift();
    if (queued) return queued;
    if (url.pathname === '/v1/accounts')
      return json({ accounts: [{ name: 'accounts/1', accountName: 'Пекарня', type: 'PERSONAL' }] });
    if (url.pathname === '/v1/accounts/1/locations') {
      return url.searchParams.get('pageToken') === 'p2'
        ? json({ locations: [{ name: 'locations/20', title: 'Колобок на Ленина' }] })
        : json({ locations: [{ name: 'locations/10', title: 'Колобок на Садовой' }], nextPageToken: 'p2' });
    }
    const match = /^\/v4\/(accounts\/\d+\/locations\/\d+)\/reviews$/.exec(url.pathname);
    if (match) {
      const all = reviews.get(match[1]!) ?? [];
      const start = Number(url.searchParams.get('pageToken') ?? 0);
      const page = all.slice(start, start + pageSize);
      const stars = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5, STAR_RATING_UNSPECIFIED: 0 };
      return json({
        reviews: page.map((r) => ({
          name: `${match[1]}/reviews/${r.reviewId}`,
          reviewId: r.reviewId,
          reviewer: { displayName: 'Гость' },
          starRating: r.starRating,
          comment: 'Текст отзыва',
          createTime: r.createTime,
          updateTime: r.updateTime,
        })),
        averageRating: all.length ? all.reduce((s, r) => s + stars[r.starRating], 0) / all.length : 0,
        totalReviewCount: all.length,
        ...(start + pageSize < all.length ? { nextPageToken: String(start + pageSize) } : {}),
      });
    }
    return json({ error: { code: 404 } }, 404);
  }

  return {
    handle,
    requests,
    reviews,
    script,
    /** Makes the saved access token stale, as when Google revokes it early. */
    expireAccessToken: () => (accessToken = `revoked-${issued}`),
    tooManyRequests: (retryAfter: string) =>
      json({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } }, 429, { 'retry-after': retryAfter }),
  };
}
