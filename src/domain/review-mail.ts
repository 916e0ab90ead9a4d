/**
 * Rules for forwarded review notifications: which mails are review notifications, from which
 * platform, with which rating, about which location. Pure: the MIME parsing happens before, in
 * services/review-mail.ts; here are only the sender, the recipients, the subject and the text.
 */

/** Review platforms by the domain their notifications come from (or any subdomain of it). */
const PLATFORM_DOMAINS: readonly { domain: string; platform: string }[] = [
  // Market first: market.yandex.ru is also a subdomain of yandex.ru.
  { domain: 'market.yandex.ru', platform: 'yandex_market' },
  { domain: 'yandex.ru', platform: 'yandex_maps' },
  { domain: 'ya.ru', platform: 'yandex_maps' },
  { domain: 'yandex.com', platform: 'yandex_maps' },
  { domain: '2gis.ru', platform: '2gis' },
  { domain: '2gis.com', platform: '2gis' },
  { domain: 'google.com', platform: 'google_maps' },
];

/** The platform an address belongs to: its domain or a subdomain of one; `evil-yandex.ru` is none. */
export function platformOfAddress(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.+$/, '')
    .replace(/>$/, '');
  for (const known of PLATFORM_DOMAINS) {
    if (domain === known.domain || domain.endsWith(`.${known.domain}`)) return known.platform;
  }
  return null;
}

const ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * The senders of the original message inside a forwarded one: the `From:` / `От:` lines of a
 * quoted header block ("---------- Forwarded message ---------", "-------- Пересылаемое
 * сообщение --------", or the headers postal-mime prints for an attached message/rfc822).
 */
export function forwardedSenders(text: string): string[] {
  const senders: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:>\s*)*\*?(?:from|от|отправитель)\*?\s*:\s*(.*)$/i.exec(line);
    if (!match) continue;
    const address = ADDRESS.exec(match[1]!);
    if (address) senders.push(address[0]);
  }
  return senders;
}

/**
 * The platform of a mail: that of the original it forwards, else its sender's. The forwarded
 * original comes first because the owner's own mailbox may be on a platform's domain
 * (owner@yandex.ru forwarding a 2GIS notification).
 */
export function platformOfMail(sender: string | null, text: string): string | null {
  for (const original of forwardedSenders(text)) {
    const platform = platformOfAddress(original);
    if (platform) return platform;
  }
  return sender ? platformOfAddress(sender) : null;
}

/** Whether a subject or body speaks of a review (отзыв, отзывы, отзыве; review, reviewed). */
export function speaksOfReview(subject: string, text: string): boolean {
  return /отзыв|\breview/i.test(`${subject}\n${text}`);
}

// A rating digit stands alone: not part of 12, 4.5 or 4,7.
const D = '(?<![\\d.,])([1-5])(?![\\d]|[.,]\\d)';
const RATING_PATTERNS: readonly RegExp[] = [
  new RegExp(`${D}\\s*из\\s*5(?!\\d)`, 'iu'),
  new RegExp(`оценк[аеиуой]{1,2}\\s*:?\\s*${D}`, 'iu'),
  new RegExp(`${D}\\s*зв[её]зд(?:ы|а)?(?![а-яё])`, 'iu'),
  new RegExp(`\\brated\\s*(?:you\\s*|us\\s*)?${D}`, 'iu'),
  new RegExp(`${D}\\s*stars?\\b`, 'iu'),
  new RegExp(`${D}\\s*\\/\\s*5(?!\\d)`, 'iu'),
];

/** Filled stars in a row, possibly completed to five with empty ones (★★★★☆). */
function starRating(text: string): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(/(★+)(☆*)/gu)) {
    const filled = match[1]!.length;
    const empty = match[2]!.length;
    // A lone ★ is decoration ("★ Новый отзыв"); ★☆☆☆☆ is a one.
    if (filled > 5) continue;
    if (empty > 0 ? filled + empty === 5 : filled >= 2) found.push(filled);
  }
  return found;
}

/**
 * The rating a notification states, or null when it states none, or two that disagree (then a
 * person decides). Recognised: ★★★★★, "N из 5", "оценка: N", "оценка N", "N звезды",
 * "rated N", "N stars", "N/5".
 */
export function ratingOf(subject: string, text: string): number | null {
  const all = `${subject}\n${text}`;
  const found = new Set<number>(starRating(all));
  for (const pattern of RATING_PATTERNS) {
    for (const match of all.matchAll(new RegExp(pattern.source, 'giu'))) found.add(Number(match[1]));
  }
  return found.size === 1 ? [...found][0]! : null;
}

interface LocationCandidate {
  id: number;
  slug: string;
  name: string;
}

/** `reviews+<slug>@domain`: the slug, lower case; null for the plain address. */
export function plusSlug(recipient: string): string | null {
  const local = recipient.trim().toLowerCase().split('@')[0] ?? '';
  const plus = local.indexOf('+');
  return plus >= 0 && plus < local.length - 1 ? local.slice(plus + 1) : null;
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"“”„']/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Which location a notification is about: the `+slug` of the address it was sent to, else the
 * one location whose name appears in the subject or text (the longest, when one name contains
 * another), else the only location there is; null: the owner chooses.
 */
export function chooseLocation(
  recipients: readonly string[],
  subject: string,
  text: string,
  locations: readonly LocationCandidate[],
): LocationCandidate | null {
  for (const recipient of recipients) {
    const slug = plusSlug(recipient);
    const match = slug ? locations.find((l) => l.slug.toLowerCase() === slug) : undefined;
    if (match) return match;
  }
  const haystack = normalise(`${subject}\n${text}`);
  const named = locations.filter((l) => normalise(l.name).length >= 3 && haystack.includes(normalise(l.name)));
  const longest = named.filter(
    (l) =>
      !named.some(
        (other) =>
          other !== l && normalise(other.name).includes(normalise(l.name)) && other.name.length > l.name.length,
      ),
  );
  if (longest.length === 1) return longest[0]!;
  if (longest.length === 0 && locations.length === 1) return locations[0]!;
  return null;
}

// Lines of a forwarded header block: separators and From/To/Date/Subject in either language.
const FORWARD_LINE =
  /^\s*(?:>\s*)*(?:-{3,}.*|_{3,}.*|\*?(?:from|to|cc|date|sent|subject|от|кому|копия|дата|тема|отправлено|отправитель)\*?\s*:.*|.*<[^>@\s]+@[^>\s]+>:\s*)$/i;

/**
 * What a person needs to confirm: the first 200 characters of the text, whitespace folded,
 * without the header lines of a forwarded original (addresses are no help in confirming).
 */
export function excerptOf(text: string): string {
  const body = text
    .split(/\r?\n/)
    .filter((line) => !FORWARD_LINE.test(line))
    .join(' ');
  return Array.from(body.replace(/\s+/g, ' ').trim()).slice(0, 200).join('');
}

/** Plain text of an HTML-only mail, for the rules above (postal-mime gives text when it can). */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#9733;|&starf;|&bigstar;/g, '★')
    .replace(/&#9734;|&star;/g, '☆')
    .replace(/&laquo;/g, '«')
    .replace(/&raquo;/g, '»')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export type MailVerdict = 'positive' | 'negative' | 'not_review';

/** The rating stored for a verdict: exact when the mail stated one, else 5 or 1 marked inexact. */
export function ratingForVerdict(
  verdict: Exclude<MailVerdict, 'not_review'>,
  stated: number | null,
): { rating: number; exact: boolean } {
  if (stated !== null && stated >= 4 === (verdict === 'positive')) return { rating: stated, exact: true };
  return { rating: verdict === 'positive' ? 5 : 1, exact: false };
}
