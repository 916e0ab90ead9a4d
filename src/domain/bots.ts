/**
 * Which scans were not a person opening the link: link previews (messengers fetch a URL as
 * soon as it is pasted), search crawlers, HEAD probes and clients that send no user agent.
 * Such scans are stored but kept out of the human counts.
 */

// Named previewers and crawlers first; then the generic words most bots put in their name.
const KNOWN_BOTS = new RegExp(
  [
    'TelegramBot',
    '^WhatsApp/',
    'vkShare',
    'Slackbot',
    'Slack-ImgProxy',
    'facebookexternalhit',
    'Facebot',
    'meta-externalagent',
    'Twitterbot',
    'Discordbot',
    'LinkedInBot',
    'SkypeUriPreview',
    'redditbot',
    'Embedly',
    'Googlebot',
    'Google-InspectionTool',
    'AdsBot-Google',
    'Storebot-Google',
    'bingbot',
    'BingPreview',
    'YandexBot',
    'YandexMobileBot',
    'YandexImages',
    'YandexAccessibilityBot',
    'YandexRenderResourcesBot',
    'Yandex[A-Za-z]*Bot',
    'Mail\\.RU_Bot',
    'Baiduspider',
    'DuckDuckBot',
    'Applebot',
    'Sogou',
    'Exabot',
    'SemrushBot',
    'AhrefsBot',
    'MJ12bot',
    'PetalBot',
    'GPTBot',
    'ClaudeBot',
    'HeadlessChrome',
    'Lighthouse',
    '^curl/',
    '^Wget/',
    '^python-',
    '^Go-http-client',
    '^okhttp/',
    '^axios/',
    '^node-fetch',
    '^undici',
    '^Java/',
    '^libwww-perl',
  ].join('|'),
  'i',
);
const GENERIC_BOT = /bot\b|crawler|spider|scraper|preview|fetcher|monitor/i;
// Phone brands and browsers whose names contain a bot word but are people.
const NOT_BOTS = /cubot|robot(?:ic)? vacuum/i;

/** True when the user agent belongs to a crawler or a link previewer. */
export function isBotUserAgent(userAgent: string | null | undefined): boolean {
  const ua = (userAgent ?? '').trim();
  if (ua === '') return true;
  if (KNOWN_BOTS.test(ua)) return true;
  return GENERIC_BOT.test(ua) && !NOT_BOTS.test(ua);
}

/** True when a scan should not count as a person: a bot's user agent, no user agent, or a HEAD request. */
export function isBotScan(method: string, userAgent: string | null | undefined): boolean {
  return method.toUpperCase() === 'HEAD' || isBotUserAgent(userAgent);
}
