import type { Platform } from './review-links';
import type { WeeklyHours } from './working-time';

export interface ReviewLink {
  id: number;
  platform: Platform;
  url: string;
  isPrimary: boolean;
}

export interface CardTextOverrides {
  headline: string | null;
  reviewCaption: string | null;
  complaintCaption: string | null;
  footer: string | null;
}

export interface Location {
  id: number;
  slug: string;
  name: string;
  address: string;
  /** IANA zone of the location's days, charts, exports and hand-out windows. */
  timeZone: string;
  /** The usual hand-out window of a batch, in days from its print day. */
  handOutDays: number;
  cardTexts: CardTextOverrides;
  archivedAt: number | null;
  /** weekly opening hours in the location's zone; null = always open */
  hours: WeeklyHours | null;
  /** local days closed all day, sorted */
  holidays: string[];
}

export interface LocationWithLinks extends Location {
  reviewLinks: ReviewLink[];
}
