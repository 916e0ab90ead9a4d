/**
 * Review links are accepted only as https URLs on each platform's own hosts, so a card can
 * never send a customer to a look-alike site.
 */
export const PLATFORMS = ['yandex_maps', 'yandex_market', '2gis', 'google_maps'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The platform a location's reviews are chiefly left on: its primary link's, else its first link's, else none. */
export function primaryPlatform(links: readonly { platform: Platform; isPrimary: boolean }[]): Platform | null {
  return (links.find((l) => l.isPrimary) ?? links[0])?.platform ?? null;
}

/** One shape of review page: the exact hosts, an anchored path and, if given, a query test. */
interface LinkShape {
  hosts: readonly string[];
  path: RegExp;
  query?: (params: URLSearchParams) => boolean;
}

const both = (...names: string[]) => names.flatMap((name) => [name, `www.${name}`]);
// A path segment as the URL parser leaves it: no slash, already percent-encoded.
const SEGMENT = "[A-Za-z0-9._~%!$&'()*+,;=:@-]+";
const onlyParam = (name: string, value: RegExp) => (params: URLSearchParams) =>
  [...params.keys()].every((key) => key === name) && value.test(params.get(name) ?? '');

/**
 * Every host is named, never matched by a pattern, and every path is anchored, so look-alike
 * domains (google.com.de, yandex.ru.evil.example) and the platforms' own redirectors
 * (/url?q=, /amp/s/, /aclk, /search, /redirect) are refused.
 */
const SHAPES: Record<Platform, readonly LinkShape[]> = {
  yandex_maps: [
    {
      hosts: [...both('yandex.ru', 'yandex.com', 'yandex.kz', 'yandex.by', 'yandex.uz', 'yandex.com.tr'), 'ya.ru'],
      // /maps/org/<slug>/<id>/..., the same after a region (/maps/213/moscow/org/...), or a short link /maps/-/<code>.
      path: new RegExp(`^/maps/(?:(?:\\d+/[a-z0-9_-]+/)?org/(?:${SEGMENT}/)*\\d+(?:/${SEGMENT})*/?|-/${SEGMENT}/?)$`),
    },
  ],
  yandex_market: [
    {
      hosts: ['market.yandex.ru', 'market.yandex.com', 'market.yandex.by', 'market.yandex.kz', 'market.yandex.uz'],
      path: /^\/(?:shop|business)--[A-Za-z0-9%_-]+\/\d+(?:\/reviews(?:\/add)?)?\/?$/,
    },
  ],
  '2gis': [
    {
      hosts: both(
        '2gis.ru',
        '2gis.com',
        '2gis.kz',
        '2gis.by',
        '2gis.uz',
        '2gis.ae',
        '2gis.kg',
        '2gis.am',
        '2gis.az',
        '2gis.cy',
        '2gis.cl',
        '2gis.cz',
        '2gis.it',
      ),
      // /<city>/firm/<id>, optionally its review tab or form; a branch list may sit before /firm/.
      path: new RegExp(`^/[a-z0-9_-]+/(?:${SEGMENT}/)*firm/\\d+(?:/tab/reviews(?:/addreview)?)?/?$`),
    },
  ],
  google_maps: [
    { hosts: ['g.page'], path: /^\/(?:r\/)?[A-Za-z0-9_-]+\/review\/?$/ },
    {
      hosts: ['search.google.com'],
      path: /^\/local\/(?:writereview|reviews)$/,
      query: onlyParam('placeid', /^[A-Za-z0-9_-]{10,400}$/),
    },
    {
      hosts: both('google.com', 'google.ru', 'google.kz', 'google.by', 'google.uz', 'google.com.tr'),
      path: new RegExp(`^/maps/place/${SEGMENT}(?:/${SEGMENT})*/?$`),
    },
    { hosts: ['maps.app.goo.gl'], path: /^\/[A-Za-z0-9_-]+$/ },
  ],
};

export type ReviewLinkProblem = 'invalid_url' | 'not_https' | 'wrong_host' | 'wrong_path' | 'too_long';

type ReviewLinkCheck = { ok: true; url: string } | { ok: false; problem: ReviewLinkProblem };

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
  const shapes = SHAPES[platform].filter((shape) => shape.hosts.includes(url.hostname));
  if (shapes.length === 0) return { ok: false, problem: 'wrong_host' };
  const fits = shapes.some((shape) => shape.path.test(url.pathname) && (!shape.query || shape.query(url.searchParams)));
  if (!fits) return { ok: false, problem: 'wrong_path' };
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
  google_maps: 'https://g.page/r/CQx1a2B3c4D5EAI/review',
};
