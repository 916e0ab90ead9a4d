/**
 * Google Business Profile, the parts that need no I/O: where its endpoints are, how a review
 * in its documented shape becomes ours, and where a newest-first page walk stops.
 *
 * Documented shapes (developers.google.com/my-business): accounts.list answers `accounts[]`
 * with `name: "accounts/123"`; locations.list `locations[]` with `name: "locations/456"` and
 * `title`; reviews.list (v4, `accounts/*\/locations/*\/reviews`) answers `reviews[]`,
 * `averageRating`, `totalReviewCount` and `nextPageToken`; each review has `name`,
 * `starRating` (ONE..FIVE), `createTime` and `updateTime`.
 */

export interface GoogleEndpoints {
  consent: string;
  token: string;
  accounts: string;
  /** Append `/{account}/locations`. */
  businessInformation: string;
  /** Append `/{account}/{location}/reviews`. */
  reviews: string;
}

/**
 * Google's own hosts, or every endpoint on `apiBase` / `oauthBase` (same paths) when those are
 * set: a stand-in for tests and development. Outside development they must be https (see the
 * outbound policy in services/google-reviews.ts).
 */
export function googleEndpoints(apiBase: string, oauthBase: string): GoogleEndpoints {
  const api = apiBase.trim().replace(/\/+$/, '');
  const oauth = oauthBase.trim().replace(/\/+$/, '');
  return {
    consent: oauth ? `${oauth}/o/oauth2/v2/auth` : 'https://accounts.google.com/o/oauth2/v2/auth',
    token: oauth ? `${oauth}/token` : 'https://oauth2.googleapis.com/token',
    accounts: `${api || 'https://mybusinessaccountmanagement.googleapis.com'}/v1/accounts`,
    businessInformation: `${api || 'https://mybusinessbusinessinformation.googleapis.com'}/v1`,
    reviews: `${api || 'https://mybusiness.googleapis.com'}/v4`,
  };
}

export const GOOGLE_SCOPE = 'https://www.googleapis.com/auth/business.manage';

const STARS: Record<string, number> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };

/** ONE..FIVE → 1..5; anything else (STAR_RATING_UNSPECIFIED) is no rating. */
export function starRatingValue(value: unknown): number | null {
  return typeof value === 'string' ? (STARS[value] ?? null) : null;
}

export interface GoogleReview {
  name: string;
  rating: number;
  createTime: string;
  updateTime: string;
}

/** A review as the API gives it, or null when it lacks what we store. */
export function parseGoogleReview(raw: unknown): GoogleReview | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const rating = starRatingValue(r.starRating);
  const name = typeof r.name === 'string' ? r.name : '';
  const createTime = typeof r.createTime === 'string' && Number.isFinite(Date.parse(r.createTime)) ? r.createTime : '';
  const updateTime =
    typeof r.updateTime === 'string' && Number.isFinite(Date.parse(r.updateTime)) ? r.updateTime : createTime;
  if (!name.includes('/reviews/') || rating === null || !createTime) return null;
  return { name, rating, createTime, updateTime };
}

/**
 * The reviews of one newest-first page that are new or edited since `lastSeen` (an updateTime),
 * and whether the walk may go on to the next page.
 */
export function freshReviews(page: GoogleReview[], lastSeen: string | null): { fresh: GoogleReview[]; done: boolean } {
  if (lastSeen === null) return { fresh: page, done: false };
  const seen = Date.parse(lastSeen);
  const fresh: GoogleReview[] = [];
  for (const review of page) {
    if (Date.parse(review.updateTime) <= seen) return { fresh, done: true };
    fresh.push(review);
  }
  return { fresh, done: false };
}

/** `accounts/1/locations/2`: what reviews.list takes as its parent. */
export function isGoogleLocationName(name: string): boolean {
  return /^accounts\/[\w-]+\/locations\/[\w-]+$/.test(name);
}

/** How long to wait after a 429: its Retry-After when given (capped at 6 hours), else doubling from a minute. */
export function backoffSeconds(retryAfter: string | null, previousSeconds: number): number {
  const given = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : NaN;
  const next = Number.isFinite(given) && given > 0 ? given : Math.max(60, previousSeconds * 2);
  return Math.min(next, 6 * 3600);
}
