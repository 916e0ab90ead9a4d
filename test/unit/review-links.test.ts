import { describe, expect, it } from 'vitest';
import { checkReviewLink, type Platform } from '../../src/domain/review-links';

const accepted: [Platform, string][] = [
  // README's table, the demo seed and the tests' fixtures.
  ['yandex_maps', 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/?add-review=true'],
  ['yandex_maps', 'https://yandex.ru/maps/org/kofeynya/987654321/reviews/?add-review=true'],
  ['yandex_maps', 'https://yandex.ru/maps/org/1234567890/reviews/?add-review=true'],
  ['2gis', 'https://2gis.ru/moscow/firm/70000001234567/tab/reviews/addreview'],
  ['google_maps', 'https://g.page/r/CQx1a2B3c4D5EAI/review'],
  ['google_maps', 'https://search.google.com/local/writereview?placeid=ChIJN1t_tDeuEmsRUsoyG83frY4'],
  ['yandex_market', 'https://market.yandex.ru/shop--magazin/123456/reviews'],
  // Other shapes the platforms hand out.
  ['yandex_maps', 'https://yandex.com/maps/org/kolobok/1234567890/'],
  ['yandex_maps', 'https://www.yandex.kz/maps/org/kolobok/1234567890/reviews/'],
  ['yandex_maps', 'https://yandex.by/maps/157/minsk/org/kolobok/1234567890/reviews/'],
  ['yandex_maps', 'https://yandex.ru/maps/-/CHfBZ8~P'],
  ['yandex_maps', 'https://ya.ru/maps/org/kolobok/1234567890/'],
  ['yandex_market', 'https://market.yandex.ru/business--magazin/123456/reviews'],
  ['yandex_market', 'https://market.yandex.ru/shop--magazin/123456/reviews/add'],
  ['2gis', 'https://2gis.kz/almaty/firm/70000001234567'],
  ['2gis', 'https://2gis.com/dubai/firm/70000001234567/tab/reviews'],
  ['google_maps', 'https://search.google.com/local/reviews?placeid=ChIJN1t_tDeuEmsRUsoyG83frY4'],
  ['google_maps', 'https://www.google.com/maps/place/Kolobok/@55.75,37.61,17z/data=!4m8!3m7!1s0x0:0x1'],
  ['google_maps', 'https://www.google.ru/maps/place/Kolobok/'],
  ['google_maps', 'https://maps.app.goo.gl/Ab12Cd34Ef56Gh78'],
];

const refused: [Platform, string, string][] = [
  // Look-alike hosts.
  ['google_maps', 'https://google.evil/x', 'wrong_host'],
  ['google_maps', 'https://google.us.com/phish', 'wrong_host'],
  ['google_maps', 'https://google.com.de/x', 'wrong_host'],
  ['yandex_maps', 'https://yandex.ru.evil.example/maps/org/1', 'wrong_host'],
  ['yandex_maps', 'https://yandex.ru./maps/org/kolobok/1234567890/', 'wrong_host'],
  ['yandex_market', 'https://market.yandex.ru.evil.example/shop--x/1/reviews', 'wrong_host'],
  ['2gis', 'https://2gis.ru.evil.example/moscow/firm/70000001234567', 'wrong_host'],
  // Redirectors on the real hosts.
  ['google_maps', 'https://www.google.com/amp/s/evil.example/page', 'wrong_path'],
  ['google_maps', 'https://www.google.com/url?q=https://evil.example', 'wrong_path'],
  ['google_maps', 'https://www.google.com/aclk?adurl=https://evil.example', 'wrong_path'],
  ['google_maps', 'https://www.google.com/search?q=evil&btnI=1', 'wrong_path'],
  ['google_maps', 'https://g.page/url?q=https://evil.example', 'wrong_path'],
  ['google_maps', 'https://search.google.com/local/writereview?placeid=x&continue=https://evil.example', 'wrong_path'],
  ['google_maps', 'https://search.google.com/url?q=https://evil.example', 'wrong_path'],
  ['yandex_maps', 'https://yandex.ru/redirect?url=https://evil.example', 'wrong_path'],
  ['yandex_maps', 'https://yandex.ru/search/?text=kolobok', 'wrong_path'],
  ['yandex_maps', 'https://yandex.ru/maps/?ll=37.6,55.7', 'wrong_path'],
  ['yandex_market', 'https://market.yandex.ru/redir?url=https://evil.example', 'wrong_path'],
  ['2gis', 'https://2gis.ru/moscow/search/evil', 'wrong_path'],
  // Credentials, ports, plain http, another platform's host.
  ['yandex_maps', 'https://user:pass@yandex.ru/maps/org/kolobok/1234567890/', 'wrong_host'],
  ['yandex_maps', 'https://evil.example@yandex.ru/maps/org/kolobok/1234567890/', 'wrong_host'],
  ['yandex_maps', 'https://yandex.ru:8443/maps/org/kolobok/1234567890/', 'wrong_host'],
  ['yandex_maps', 'http://yandex.ru/maps/org/kolobok/1234567890/', 'not_https'],
  ['yandex_maps', 'https://2gis.ru/moscow/firm/70000001234567', 'wrong_host'],
  ['google_maps', 'javascript:alert(1)', 'not_https'],
];

describe('review links', () => {
  it.each(accepted)('accepts %s %s', (platform, link) => {
    expect(checkReviewLink(platform, link)).toEqual({ ok: true, url: new URL(link).toString() });
  });

  it.each(refused)('refuses %s %s', (platform, link, problem) => {
    expect(checkReviewLink(platform, link)).toEqual({ ok: false, problem });
  });

  it('refuses what is not a link at all, or too long', () => {
    expect(checkReviewLink('yandex_maps', 'yandex.ru/maps/org/1')).toEqual({ ok: false, problem: 'invalid_url' });
    expect(
      checkReviewLink('yandex_maps', `https://yandex.ru/maps/org/kolobok/1234567890/?x=${'a'.repeat(500)}`),
    ).toEqual({ ok: false, problem: 'too_long' });
  });
});
