import { isBotUserAgent } from './bots';

export type DeviceClass = 'mobile' | 'tablet' | 'desktop' | 'bot' | 'unknown';

const TABLET = /iPad|Tablet|Kindle|Silk\/|PlayBook|Nexus (?:7|9|10)\b|SM-T\d|Lenovo TB|MatePad/i;
const MOBILE = /Mobi|iPhone|iPod|Android|Windows Phone|Opera Mini|BlackBerry|BB10|KaiOS|HarmonyOS/i;
const DESKTOP = /Windows NT|Macintosh|Mac OS X|X11|Linux x86_64|CrOS/i;

/**
 * A coarse device class from the user agent, enough to see whether cards are scanned on
 * phones (as they should be). iPadOS presents itself as a Mac, so iPads count as desktop.
 */
export function deviceClass(userAgent: string | null | undefined): DeviceClass {
  const ua = userAgent ?? '';
  if (isBotUserAgent(ua)) return 'bot';
  if (TABLET.test(ua)) return 'tablet';
  // Android phones say "Mobile"; Android without it is a tablet.
  if (/Android/i.test(ua) && !/Mobile/i.test(ua)) return 'tablet';
  if (MOBILE.test(ua)) return 'mobile';
  if (DESKTOP.test(ua)) return 'desktop';
  return 'unknown';
}
