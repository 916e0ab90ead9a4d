/**
 * Where notifications may go (the owner's webhook URL and Telegram Bot API base) and what is
 * kept of a failed delivery. The URL is judged by its text alone: the parser's normal form
 * (WHATWG URL turns `2130706433` and `0x7f.1` into 127.0.0.1) plus an own reading of IPv4
 * number spellings, so a runtime with a laxer parser is still covered.
 */

export interface TargetPolicy {
  /** Development: http or https to this machine is allowed (receivers next to `wrangler dev`). */
  allowLocal: boolean;
  /** Host names of the app itself (its public origin, the request's host): never a target. */
  ownHosts: readonly string[];
}

export type TargetRefusal = 'invalid' | 'scheme' | 'credentials' | 'private' | 'own';

/** Everything but "development" is treated as production (tests run as "test" and must refuse too). */
export function targetPolicy(appEnv: string | undefined, ownOrigins: readonly (string | undefined)[]): TargetPolicy {
  const ownHosts: string[] = [];
  for (const origin of ownOrigins) {
    if (!origin) continue;
    try {
      ownHosts.push(bareHost(new URL(origin).hostname));
    } catch {
      // An unparsable configured origin names no host.
    }
  }
  return { allowLocal: appEnv === 'development', ownHosts };
}

/** Null when `value` may receive notifications, else why not. */
export function checkTarget(value: string, policy: TargetPolicy): TargetRefusal | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'scheme';
  if (url.username || url.password) return 'credentials';
  const host = bareHost(url.hostname);
  if (host === '') return 'invalid';
  if (policy.allowLocal && isLoopback(host)) return null;
  if (!isPublicHost(host)) return 'private';
  if (url.protocol !== 'https:') return 'scheme';
  if (policy.ownHosts.includes(host)) return 'own';
  return null;
}

/** Lower case, without IPv6 brackets and without the trailing dot of a fully qualified name. */
function bareHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.+$/, '');
}

function isLoopback(host: string): boolean {
  const v4 = parseIpv4(host);
  if (v4 !== null) return v4 >>> 24 === 127;
  const v6 = parseIpv6(host);
  if (v6) return v6.every((g, i) => g === (i === 7 ? 1 : 0));
  return host === 'localhost' || host.endsWith('.localhost');
}

const PRIVATE_SUFFIXES = [
  '.localhost',
  '.local',
  '.internal',
  '.localdomain',
  '.home.arpa',
  '.lan',
  '.intranet',
  '.corp',
];

function isPublicHost(host: string): boolean {
  const v4 = parseIpv4(host);
  if (v4 !== null) return isPublicIpv4(v4);
  if (host.includes(':')) {
    const v6 = parseIpv6(host);
    return v6 !== null && isPublicIpv6(v6);
  }
  // A single label ("intranet", "metadata") is resolved by local search domains, never publicly.
  if (!host.includes('.')) return false;
  return host !== 'localhost' && !PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** [network, prefix length]: this host, private, shared (CGNAT), loopback, link-local, reserved. */
const NON_PUBLIC_V4: readonly [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10
  [0x7f000000, 8], // 127/8
  [0xa9fe0000, 16], // 169.254/16
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24
  [0xc0000200, 24], // 192.0.2/24 documentation
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xc6336400, 24], // 198.51.100/24 documentation
  [0xcb007100, 24], // 203.0.113/24 documentation
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved and broadcast
];

function isPublicIpv4(address: number): boolean {
  return !NON_PUBLIC_V4.some(([network, bits]) => (address & (~0 << (32 - bits))) >>> 0 === network);
}

function isPublicIpv6(g: readonly number[]): boolean {
  // ::/96 covers :: and ::1 and IPv4-compatible addresses; ::ffff:0:0/96 is IPv4-mapped.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0 || g[5] === 0xffff)) return false;
  const first = g[0]!;
  if (first === 0x64 && g[1] === 0xff9b) return false; // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
  if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0) return false; // link-local, site-local
  if ((first & 0xff00) === 0xff00) return false; // multicast
  if (first === 0x2001 && g[1] === 0x0db8) return false; // documentation
  if (first === 0x2002) return isPublicIpv4(((g[1]! << 16) | g[2]!) >>> 0); // 6to4 carries an IPv4 address
  return true;
}

/**
 * An IPv4 address as the WHATWG URL parser reads a host: one to four parts, each decimal, hex
 * (0x) or octal (leading 0), the last one filling the remaining bytes. Null if it is a name.
 */
export function parseIpv4(host: string): number | null {
  const parts = host.split('.');
  if (parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) n = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9]\d*)$/.test(part)) n = Number(part);
    else return null;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last;
}

/** Eight 16-bit groups of an IPv6 address (brackets removed), or null. */
function parseIpv6(host: string): number[] | null {
  let text = host;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseIpv4(dotted[2]!);
    if (v4 === null) return null;
    tail.push(v4 >>> 16, v4 & 0xffff);
    text = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const zeros = new Array<number>(8 - known).fill(0);
  return [
    ...head.map((g) => parseInt(g, 16)),
    ...(halves.length === 2 ? zeros : []),
    ...rest.map((g) => parseInt(g, 16)),
    ...tail,
  ];
}

/**
 * What is kept of a failed delivery: a fixed reason, never the receiver's words (an answer may
 * echo the contact or anything else it was sent, and it would land in D1 and on the page).
 */
export type DeliveryFailure = `HTTP ${number}` | 'timeout' | 'network error' | 'refused address' | 'not configured';

export function httpFailure(status: number): DeliveryFailure {
  return `HTTP ${status}`;
}

/** Reads a stored reason back; anything not of the fixed form (a row from an older version) is hidden. */
export function storedFailure(value: string | null): DeliveryFailure | 'error' | null {
  if (value === null || value === '') return null;
  if (/^HTTP \d{3}$/.test(value)) return value as DeliveryFailure;
  return value === 'timeout' || value === 'network error' || value === 'refused address' || value === 'not configured'
    ? value
    : 'error';
}
