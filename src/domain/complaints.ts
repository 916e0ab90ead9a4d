import { addWorkingMinutes, workingMinutesBetween, type WorkingSchedule } from './working-time';

/**
 * Complaint rules without I/O: contacts (detect, normalise, mask), the customer's details form,
 * spam limits, waiting time, overdue and the median time to first response.
 */

export const COMPLAINT_STATUSES = ['open', 'contacted', 'resolved'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type ContactMode = 'off' | 'store' | 'forward';
export const CONTACT_MODES: readonly ContactMode[] = ['off', 'store', 'forward'];

type ContactKind = 'phone' | 'email' | 'telegram';

/** A second tap on the same card by the same visitor within this window opens the complaint it already made. */
export const DEDUPE_WINDOW_MS = 30 * 60 * 1000;

/** Limits a person never meets but a script does. */
export const LIMITS = {
  /** complaints from one card in a day (after the 30-minute dedupe, so repeated real problems still pass) */
  perCardPerDay: 3,
  /** complaints from one visitor (keyed daily hash of IP and browser) in an hour, across cards */
  perVisitorPerHour: 5,
  /** how many times the customer may send or correct the comment and contact */
  detailsPerComplaint: 10,
  /** the customer may add details this long after the tap */
  detailsWindowMs: 24 * 60 * 60 * 1000,
  commentChars: 2000,
  contactChars: 200,
} as const;

/**
 * The reasons a delivery business starts with; the owner edits them per location. The catch-all
 * one names no cause, so it is never one of the Support Index page's top three.
 */
export const DEFAULT_REASONS: readonly { ru: string; en: string; catchAll?: true }[] = [
  { ru: 'Опоздали с доставкой', en: 'The delivery was late' },
  { ru: 'Товар повреждён', en: 'The goods were damaged' },
  { ru: 'Привезли не то', en: 'Wrong items delivered' },
  { ru: 'Качество продукта', en: 'Product quality' },
  { ru: 'Курьер был невежлив', en: 'The courier was rude' },
  { ru: 'Другое', en: 'Something else', catchAll: true },
];

/**
 * A reason's text for a customer: in English, the owner's English label, else a default reason's
 * own translation, else the Russian label as written.
 */
export function reasonLabelFor(label: string, locale: 'ru' | 'en', labelEn: string | null = null): string {
  if (locale === 'ru') return label;
  return labelEn || (DEFAULT_REASONS.find((r) => r.ru === label)?.en ?? label);
}

export interface Contact {
  kind: ContactKind;
  /** normalised: +79991234567, name@example.ru, @username */
  value: string;
  masked: string;
}

/**
 * Reads what a customer typed as a way to reach them. Accepts a phone number in any usual
 * Russian form (8 999 123-45-67, +7 (999) 123 45 67, 9991234567), an e-mail, or a Telegram
 * @username or t.me link. Returns null when it is none of these.
 */
export function parseContact(input: string): Contact | null {
  const raw = input.trim();
  if (raw === '' || raw.length > LIMITS.contactChars) return null;

  if (isEmail(raw)) {
    const value = raw.toLowerCase();
    return { kind: 'email', value, masked: maskEmail(value) };
  }

  const telegram = /^(?:@|(?:https?:\/\/)?(?:t\.me|telegram\.me)\/)([a-z][a-z0-9_]{4,31})\/?$/i.exec(raw);
  if (telegram) {
    const value = `@${telegram[1]}`;
    return { kind: 'telegram', value, masked: maskTelegram(value) };
  }

  if (/^\+?[\d\s()-]+$/.test(raw)) {
    let digits = raw.replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
    else if (digits.length === 10 && digits.startsWith('9')) digits = `7${digits}`;
    if (digits.length < 10 || digits.length > 15) return null;
    const value = `+${digits}`;
    return { kind: 'phone', value, masked: maskPhone(value) };
  }
  return null;
}

// RFC 5321 in the shape people type: a dot-atom local part without quotes or the rarer atext
// characters, a domain of LDH labels (letters may be Cyrillic, e.g. почта.рф) with a letter TLD.
const EMAIL_LOCAL = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*$/;
const EMAIL_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const EMAIL_TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

function isEmail(text: string): boolean {
  if (text.length > 254) return false;
  const at = text.indexOf('@');
  if (at < 1 || at !== text.lastIndexOf('@')) return false;
  const local = text.slice(0, at);
  const labels = text.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => EMAIL_LABEL.test(label)) &&
    EMAIL_TLD.test(labels[labels.length - 1]!)
  );
}

/** `+7 *** ***-**-12`: enough for the owner to match a call, too little to identify anyone. */
function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const last = digits.slice(-2);
  return digits.startsWith('7') && digits.length === 11 ? `+7 *** ***-**-${last}` : `+*** ***-**-${last}`;
}

/** `i***@yandex.ru` */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** `@iv***` */
function maskTelegram(username: string): string {
  return `${username.slice(0, 3)}***`;
}

/**
 * What the complaint says after the customer adds to it: each addition is a new paragraph, so
 * nothing written earlier is ever replaced.
 */
export function appendComment(saved: string | null, added: string | null): string | null {
  if (added === null) return saved;
  return saved === null ? added : `${saved}\n\n${added}`;
}

interface DetailsInput {
  comment: string;
  contact: string;
  consent: boolean;
  /** the hidden field only scripts fill in */
  honeypot: string;
}

type DetailsError = 'commentTooLong' | 'contactInvalid' | 'consentRequired' | 'honeypot';

type DetailsResult =
  | { ok: true; comment: string | null; contact: Contact | null }
  | { ok: false; errors: Partial<Record<'comment' | 'contact' | 'consent' | 'form', DetailsError>> };

/**
 * Checks the optional comment and contact. A contact is taken only with the separate consent
 * ticked; with contacts switched off (`mode` off) whatever is in the field is ignored.
 */
export function validateDetails(input: DetailsInput, mode: ContactMode): DetailsResult {
  const errors: Extract<DetailsResult, { ok: false }>['errors'] = {};
  if (input.honeypot.trim() !== '') errors.form = 'honeypot';
  const comment = input.comment.trim().replace(/\r\n/g, '\n');
  if (comment.length > LIMITS.commentChars) errors.comment = 'commentTooLong';
  let contact: Contact | null = null;
  if (mode !== 'off' && input.contact.trim() !== '') {
    contact = parseContact(input.contact);
    if (!contact) errors.contact = 'contactInvalid';
    else if (!input.consent) errors.consent = 'consentRequired';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, comment: comment === '' ? null : comment, contact };
}

interface Timing {
  status: ComplaintStatus;
  createdAt: number;
  firstResponseAt: number | null;
  /** the due time in the location's working time, when known */
  dueAt?: number | null;
}

/**
 * When the first response to a complaint made at `createdAt` is due: the response target in the
 * location's working time (a complaint at 22:07 with opening at 09:00 is due at 10:00), or
 * plain time when the location keeps no hours or is never open.
 */
export function complaintDueAt(schedule: WorkingSchedule, createdAt: number, targetMinutes: number): number {
  return addWorkingMinutes(schedule, createdAt, targetMinutes) ?? createdAt + targetMinutes * 60_000;
}

/** How long the customer has waited in the location's working time, in ms (whole minutes). */
export function workingWaitMs(complaint: Timing, schedule: WorkingSchedule, now: number): number {
  return workingMinutesBetween(schedule, complaint.createdAt, complaint.firstResponseAt ?? now) * 60_000;
}

/** How long the customer has waited for the first contact (or waited, once answered). */
export function waitingMs(complaint: Timing, now: number): number {
  return Math.max(0, (complaint.firstResponseAt ?? now) - complaint.createdAt);
}

/** Nobody has answered yet and the due time (else the response target after creation) has passed. */
export function isOverdue(complaint: Timing, targetMinutes: number, now: number): boolean {
  const due = complaint.dueAt ?? complaint.createdAt + targetMinutes * 60_000;
  return complaint.status === 'open' && complaint.firstResponseAt === null && now > due;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** When the owner marks a status, the first response is the first move away from "open". */
export function statusChange(
  current: { status: ComplaintStatus; firstResponseAt: number | null; resolvedAt: number | null },
  next: ComplaintStatus,
  now: number,
): { status: ComplaintStatus; firstResponseAt: number | null; resolvedAt: number | null } {
  return {
    status: next,
    firstResponseAt: next === 'open' ? current.firstResponseAt : (current.firstResponseAt ?? now),
    resolvedAt: next === 'resolved' ? (current.resolvedAt ?? now) : null,
  };
}

export const COMPENSATION_KINDS = ['none', 'apology', 'discount', 'refund', 'replacement', 'gift', 'other'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

export interface Complaint {
  id: string;
  code: string;
  locationId: number;
  locationSlug: string;
  locationName: string;
  /** Its times are shown in its location's zone. */
  locationTimeZone: string;
  batchId: string;
  orderRef: string | null;
  reasonId: number;
  reason: string;
  comment: string | null;
  /** the raw contact, only in "store" mode and until the retention period erases it */
  contact: string | null;
  contactMasked: string | null;
  consentAt: number | null;
  status: ComplaintStatus;
  createdAt: number;
  updatedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  compensationKind: CompensationKind | null;
  compensationAmount: number | null;
  personalDataErasedAt: number | null;
  /** the keyed daily hash of the phone that made it: who may add to it (with the complaint cookie) */
  visitor: string | null;
  /** when the first response is due (in the location's working time) */
  dueAt: number | null;
  /** when the overdue notice went out */
  escalatedAt: number | null;
  /** Made from a card (or batch) already voided: still a complaint, flagged in the inbox. */
  onVoidedCard: boolean;
  /** the public reply, shown to whoever holds the card */
  reply: string | null;
  /** when the reply was first published (editing keeps it) */
  repliedAt: number | null;
}

export interface ComplaintEvent {
  id: number;
  kind: string;
  note: string | null;
  actor: string;
  detail: Record<string, unknown> | null;
  /** the contact a customer's addition replaced */
  previousContact: string | null;
  createdAt: number;
}
