import type { HandOutWindow } from './hand-out';
import type { CardFormat } from './postcard-layout';

export interface Batch {
  id: string;
  locationId: number;
  locationSlug: string;
  locationName: string;
  locationTimeZone: string;
  template: string;
  format: CardFormat;
  cardCount: number;
  createdBy: string;
  createdAt: number;
  voidedAt: number | null;
  /** The days its cards count as handed out (local days of the location). */
  handOut: HandOutWindow;
  /** When staff said "all handed out", ending the window early. */
  handOutEndedAt: number | null;
  /** True when its cards were printed for orders: each counts on its order's day. */
  forOrders: boolean;
}

export interface Card {
  code: string;
  position: number;
  orderRef: string | null;
  voidedAt: number | null;
}

export interface BatchOption {
  id: string;
  locationId: number;
  locationName: string;
  timeZone: string;
  createdAt: number;
  cardCount: number;
  template: string;
}
