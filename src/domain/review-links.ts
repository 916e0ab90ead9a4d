/**
 * Review links are accepted only as https URLs on each platform's own hosts, so a card can
 * never send a customer to a look-alike site.
 */
export const PLATFORMS = ['yandex_maps', 'yandex_market', '2gis', 'google_maps'] as const;
export type Platform = (typeof PLATFORMS)[number];

const HOSTS: Record<Platform, RegExp> = {
  yandex_maps: /^(?:www\.)?yandex\.(?:ru|com|by|kz|uz|com\.tr)$/,
  yandex_market: /^market\.yandex\.(?:ru|com|by|kz|uz)$/,
  '2gis': /^(?:www\.)?2gis\.(?:ru|com|kz|by|uz|ae|kg|am|az|cy|cl|cz|it|ae)$/,
  google_maps: /^(?:search\.google\.com|g\.page|(?:www\.)?google\.[a-z.]{2,6}|maps\.app\.goo\.gl)$/,
};

const PATHS: Partial<Record<Platform, RegExp>> = {
  // Yandex Maps pages live under /maps/ (yandex.ru/maps/org/<slug>/<id>/reviews/...).
  yandex_maps: /^\/maps\//,
};

export type ReviewLinkProblem = 'invalid_url' | 'not_https' | 'wrong_host' | 'wrong_path' | 'too_long';

export type ReviewLinkCheck = { ok: true; url: string } | { ok: false; problem: ReviewLinkProblem };

export function checkReviewLink(platform: Platform, input: string): ReviewLinkCheck {
  const text = input.trim();
  if (text.length > 500) return { ok: false, problem: 'too_long' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'invalid_url' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'not_https' };
  if (url.username || url.password || url.port) return { ok: false, problem: 'wrong_host' };
  if (!HOSTS[platform].test(url.hostname.toLowerCase())) return { ok: false, problem: 'wrong_host' };
  const path = PATHS[platform];
  if (path && !path.test(url.pathname)) return { ok: false, problem: 'wrong_path' };
  return { ok: true, url: url.toString() };
}

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

/** The platform's own example, shown next to the field. */
export const EXAMPLE_LINKS: Record<Platform, string> = {
  yandex_maps: 'https://yandex.ru/maps/org/1234567890/reviews/?add-review=true',
  yandex_market: 'https://market.yandex.ru/shop--magazin/123456/reviews',
  '2gis': 'https://2gis.ru/moscow/firm/70000001234567/tab/reviews/addreview',
  google_maps: 'https://search.google.com/local/writereview?placeid=ChIJ...',
};
