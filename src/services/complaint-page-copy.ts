import { getComplaintCard, type ComplaintCard } from '../db/complaints';
import { ensureDefaultReasons, listActiveReasons } from '../db/reasons';
import type { Reason } from '../domain/reasons';
import { DEFAULT_SETTINGS, getSettings } from '../db/settings';
import type { Settings } from '../domain/settings';
import { DEFAULT_REASONS } from '../domain/complaints';
import { listCardReplies } from '../db/complaints';
import type { CardReply } from '../domain/complaint-reply';

/**
 * What the complaint page needs to render (the card, its location's reasons, the settings),
 * with the isolate's last good copy of each to fall back on when D1 is down or slow, like the
 * review redirect's card cache. D1 is always asked first, so an owner's change shows at once;
 * the copy only stands in when D1 fails or has not answered within SLOW_MS.
 */

const SLOW_MS = 2000;
/** A few hundred bytes each: a few MB at most. */
const MAX_CARDS = 5000;
const MAX_LOCATIONS = 1000;

const cards = new Map<string, ComplaintCard>();
const reasons = new Map<number, Reason[]>();
let settings: Settings | undefined;

function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

/** D1's answer, or the copy when D1 fails or is slow; without a copy, D1's answer or its error. */
async function orCopy<T>(what: string, read: Promise<T>, copy: T | undefined): Promise<T> {
  if (copy === undefined) return read;
  read.catch(() => {}); // a late failure after the copy answered is only logged below
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), SLOW_MS);
  });
  try {
    const answer = await Promise.race([read, slow]);
    if (answer !== 'slow') return answer;
    console.warn(`${what}: D1 is slow, answering from the isolate's copy`);
    return copy;
  } catch (error) {
    console.error(`${what}: D1 failed, answering from the isolate's copy`, error);
    return copy;
  } finally {
    clearTimeout(timer);
  }
}

/** The card by its normalized code; throws only when D1 fails and this isolate has never seen it. */
export function complaintCardOrCopy(db: D1Database, code: string): Promise<ComplaintCard | null> {
  const read = getComplaintCard(db, code).then((card) => {
    if (card) remember(cards, code, card, MAX_CARDS);
    return card;
  });
  return orCopy('complaint card', read, cards.get(code));
}

/** The location's active reasons (the defaults on its first complaint page). */
export function reasonsOrCopy(db: D1Database, locationId: number): Promise<Reason[]> {
  const read = (async () => {
    let list = await listActiveReasons(db, locationId);
    if (list.length === 0) {
      await ensureDefaultReasons(
        db,
        locationId,
        DEFAULT_REASONS.map((r) => r.ru),
        Date.now(),
      );
      list = await listActiveReasons(db, locationId);
    }
    remember(reasons, locationId, list, MAX_LOCATIONS);
    return list;
  })();
  return orCopy('complaint reasons', read, reasons.get(locationId));
}

/** The settings; with D1 down and no copy, the defaults (the consumer applies the real ones when it stores). */
export async function settingsOrCopy(db: D1Database): Promise<Settings> {
  const read = getSettings(db).then((s) => {
    settings = s;
    return s;
  });
  try {
    return await orCopy('settings', read, settings);
  } catch (error) {
    console.error('settings: D1 failed and this isolate has no copy, using the defaults', error);
    return { ...DEFAULT_SETTINGS };
  }
}

/**
 * The replies to a card's complaints, or none when D1 fails or has not answered within SLOW_MS:
 * the reasons page never waits on them longer than on its copies.
 */
export async function cardRepliesOrNone(db: D1Database, code: string): Promise<CardReply[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<CardReply[]>((resolve) => {
    timer = setTimeout(() => resolve([]), SLOW_MS);
  });
  try {
    return await Promise.race([listCardReplies(db, code), slow]);
  } catch (error) {
    console.error('card replies unavailable', code, error);
    return [];
  } finally {
    clearTimeout(timer);
  }
}
