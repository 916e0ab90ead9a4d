import type { Address } from 'postal-mime';
import { randomToken, sha256Hex } from '../auth/crypto';
import { listLocations, ownerTimeZone } from '../db/locations';
import { countIgnoredMail, getReviewMail, insertReviewMail, resolveReviewMail } from '../db/review-mails';
import type { ReviewMail } from '../domain/review-mails';
import { dayOf } from '../domain/period';
import {
  chooseLocation,
  excerptOf,
  platformOfMail,
  ratingForVerdict,
  ratingOf,
  speaksOfReview,
  textOfHtml,
  type MailVerdict,
} from '../domain/review-mail';
import type { Bindings } from '../env';
import { AppError, badRequest, notFound } from '../errors';
import { announcePendingReview } from './review-announce';

/** Larger mails are no review notifications (those are a few dozen KB); they are only counted. */
const MAX_MAIL_BYTES = 2 * 1024 * 1024;

type MailOutcome =
  | { kind: 'ignored' }
  | { kind: 'duplicate' }
  | { kind: 'stored'; id: string; platform: string; locationId: number; rating: number }
  | { kind: 'pending'; id: string; platform: string; locationId: number | null; rating: number | null };

interface IncomingMail {
  /** The raw RFC 822 message, as Email Routing hands it over. */
  raw: ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array | string;
  /** The envelope recipient: reviews@… or reviews+<slug>@…. */
  to: string;
  rawSize?: number;
}

function addresses(list: Address | Address[] | undefined): string[] {
  const all = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return all.flatMap((a) =>
    'group' in a && a.group ? a.group.map((g) => g.address) : 'address' in a && a.address ? [a.address] : [],
  );
}

/**
 * One forwarded notification in: parsed with postal-mime, judged by the rules of
 * domain/review-mail.ts, stored once by its Message-ID. A rating and a location known: a review
 * at once; either missing: a review to confirm. Anything else is only counted. The raw message
 * is never stored: only platform, location, day, rating, subject and a 200-character excerpt.
 */
export async function receiveReviewMail(
  env: Pick<Bindings, 'DB' | 'APP_ENV' | 'PUBLIC_ORIGIN'>,
  mail: IncomingMail,
  now: number,
  waitUntil?: (p: Promise<unknown>) => void,
): Promise<MailOutcome> {
  // Mails that are not reviews are counted by the owner's day; a review by its location's.
  const ownerZone = await ownerTimeZone(env.DB);
  const today = dayOf(now, ownerZone);
  if ((mail.rawSize ?? 0) > MAX_MAIL_BYTES) {
    await countIgnoredMail(env.DB, today);
    return { kind: 'ignored' };
  }
  // Loaded on the first mail, so the parser stays out of the Worker's startup (the scan path).
  const { default: PostalMime } = await import('postal-mime');
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(mail.raw);
  } catch {
    // Past postal-mime's limits (nesting, header size): no notification looks like that.
    await countIgnoredMail(env.DB, today);
    return { kind: 'ignored' };
  }
  const subject = (email.subject ?? '').trim();
  const text = email.text?.trim() ? email.text : email.html ? textOfHtml(email.html) : '';
  const sender = addresses(email.from)[0] ?? addresses(email.sender)[0] ?? null;
  const platform = platformOfMail(sender, text);
  if (!platform || !speaksOfReview(subject, text)) {
    await countIgnoredMail(env.DB, today);
    return { kind: 'ignored' };
  }

  const date = email.date ? Date.parse(email.date) : NaN;
  const sentAt = Number.isFinite(date) ? date : now;
  const messageId =
    email.messageId?.trim() || `sha256:${await sha256Hex(JSON.stringify([sender, email.date ?? '', subject, text]))}`;
  const locations = (await listLocations(env.DB)).filter((l) => l.archivedAt === null);
  const recipients = [
    mail.to,
    ...addresses(email.to),
    ...addresses(email.cc),
    ...(email.deliveredTo ? [email.deliveredTo] : []),
  ];
  const location = chooseLocation(recipients, subject, text, locations);
  const day = dayOf(sentAt, locations.find((l) => l.id === location?.id)?.timeZone ?? ownerZone);
  const rating = ratingOf(subject, text);
  const id = randomToken(12);
  const status = location && rating !== null ? 'stored' : 'pending';
  const fresh = await insertReviewMail(
    env.DB,
    {
      id,
      messageId,
      platform,
      locationId: location?.id ?? null,
      day,
      rating,
      subject: Array.from(subject).slice(0, 200).join(''),
      excerpt: excerptOf(text),
    },
    status,
    now,
  );
  if (!fresh) return { kind: 'duplicate' };
  if (status === 'stored') return { kind: 'stored', id, platform, locationId: location!.id, rating: rating! };
  const pending = { kind: 'pending', id, platform, locationId: location?.id ?? null, rating } as const;
  const announcement = announcePendingReview(env, {
    id,
    platform,
    locationName: location?.name ?? null,
    subject,
  }).catch((error) => console.error('review announcement failed', error));
  if (waitUntil) waitUntil(announcement);
  else await announcement;
  return pending;
}

/**
 * The owner's verdict on a review to confirm. A review needs a location: the one found in the
 * mail, else `locationSlug`, else the only location there is.
 */
export async function confirmReviewMail(
  db: D1Database,
  id: string,
  verdict: MailVerdict,
  locationSlug: string | null,
  by: string,
  now: number,
): Promise<ReviewMail> {
  const mail = await getReviewMail(db, id);
  if (!mail) throw notFound('no such review to confirm');
  if (mail.status !== 'pending') throw new AppError(409, 'this review was confirmed already', 'id');
  let review: { locationId: number; rating: number; exact: boolean } | null = null;
  if (verdict !== 'not_review') {
    const active = (await listLocations(db)).filter((l) => l.archivedAt === null);
    const chosen = locationSlug ? active.find((l) => l.slug === locationSlug) : undefined;
    if (locationSlug && !chosen) throw badRequest('no such location', 'location');
    const locationId = chosen?.id ?? mail.locationId ?? (active.length === 1 ? active[0]!.id : null);
    if (locationId === null) throw badRequest('choose the location this review is about', 'location');
    review = { locationId, ...ratingForVerdict(verdict, mail.rating) };
  }
  if (!(await resolveReviewMail(db, id, verdict, review, by, now)))
    throw new AppError(409, 'this review was confirmed already', 'id');
  return (await getReviewMail(db, id))!;
}
