/**
 * The public reply to a complaint and the location's reply templates. A reply is shown to
 * whoever holds the card, so it is plain text of bounded length; nothing of the customer's
 * complaint is ever shown next to it.
 */

/** One of a location's reply templates, offered as a one-tap fill of a reply. */
export interface ReplyTemplate {
  id: number;
  locationId: number;
  text: string;
  position: number;
}

/** A public reply as the card's page shows it: the text and its time, nothing of the complaint. */
export interface CardReply {
  complaintId: string;
  reply: string;
  repliedAt: number;
}

/** At most this many characters in a reply or a template (after trimming). */
export const REPLY_CHARS = 1000;
/** A location keeps a short list of templates. */
export const MAX_REPLY_TEMPLATES = 10;

/** Trims the text and makes line breaks uniform; an empty result means "no reply". */
export function normaliseReply(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type ReplyProblem = 'empty' | 'tooLong';

/** Why a reply (or a template) cannot be saved as typed, or null. */
export function replyProblem(normalised: string): ReplyProblem | null {
  if (normalised === '') return 'empty';
  if ([...normalised].length > REPLY_CHARS) return 'tooLong';
  return null;
}

/** What a change of the reply is, as the timeline records it; null when nothing changes. */
export type ReplyChange = 'replied' | 'replyEdited' | 'replyRemoved';

export function replyChange(current: string | null, next: string | null): ReplyChange | null {
  if (current === next) return null;
  if (next === null) return 'replyRemoved';
  return current === null ? 'replied' : 'replyEdited';
}
