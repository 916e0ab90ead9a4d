import { describe, expect, it } from 'vitest';
import { isBotScan, isBotUserAgent } from '../../src/domain/bots';
import { deviceClass } from '../../src/domain/device';

const PEOPLE = {
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  yandexBrowser:
    'Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 YaBrowser/24.4.1.99.00 SA/3 Mobile Safari/537.36',
  telegramInApp:
    'Mozilla/5.0 (Linux; Android 12; M2101K6G Build/SKQ1.210908.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 Telegram-Android/10.6.2 (Xiaomi M2101K6G; Android 12; SDK 31; AVERAGE)',
  instagramInApp:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 302.0.0.23.114 (iPhone14,5; iOS 16_6; ru_RU; ru)',
  facebookInApp:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/442.0.0.0;FBBV/1;FBDV/iPhone13,2;FBMD/iPhone;FBSN/iOS;FBSV/17.1;FBSS/3;FBLC/ru_RU]',
  cubotPhone:
    'Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Mobile Safari/537.36',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
};

const BOTS = {
  telegram: 'TelegramBot (like TwitterBot)',
  whatsapp: 'WhatsApp/2.23.20.0 A',
  vk: 'Mozilla/5.0 (compatible; vkShare; +http://vk.com/dev/Share)',
  slack: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  slackImages: 'Slack-ImgProxy (+https://api.slack.com/robots)',
  facebook: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  google:
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.60 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  yandex: 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
  yandexMobile:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 8_1 like Mac OS X) AppleWebKit/600.1.4 (KHTML, like Gecko) Version/8.0 Mobile/12B411 Safari/600.1.4 (compatible; YandexMobileBot/3.0; +http://yandex.com/bots)',
  bing: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  mailru: 'Mozilla/5.0 (compatible; Linux x86_64; Mail.RU_Bot/2.0; +https://help.mail.ru/webmaster/indexing/robots)',
  discord: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  curl: 'curl/8.5.0',
};

describe('bots and link previews', () => {
  it.each(Object.entries(BOTS))('%s is a bot', (_, ua) => {
    expect(isBotUserAgent(ua)).toBe(true);
    expect(deviceClass(ua)).toBe('bot');
  });

  it.each(Object.entries(PEOPLE))('%s is a person', (_, ua) => {
    expect(isBotUserAgent(ua)).toBe(false);
    expect(isBotScan('GET', ua)).toBe(false);
  });

  it('counts an empty or missing user agent as a bot', () => {
    expect(isBotScan('GET', '')).toBe(true);
    expect(isBotScan('GET', '   ')).toBe(true);
    expect(isBotScan('GET', null)).toBe(true);
  });

  it('counts a HEAD request as a bot even from a browser', () => {
    expect(isBotScan('HEAD', PEOPLE.iphoneSafari)).toBe(true);
    expect(isBotScan('head', PEOPLE.androidChrome)).toBe(true);
  });
});

describe('device class', () => {
  it.each([
    [PEOPLE.iphoneSafari, 'mobile'],
    [PEOPLE.androidChrome, 'mobile'],
    [PEOPLE.telegramInApp, 'mobile'],
    [PEOPLE.cubotPhone, 'mobile'],
    [PEOPLE.ipad, 'tablet'],
    [PEOPLE.androidTablet, 'tablet'],
    [PEOPLE.windowsChrome, 'desktop'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      'desktop',
    ],
    [BOTS.whatsapp, 'bot'],
    ['', 'bot'],
    ['SomeFridge/1.0', 'unknown'],
  ])('%s → %s', (ua, expected) => {
    expect(deviceClass(ua)).toBe(expected);
  });
});
