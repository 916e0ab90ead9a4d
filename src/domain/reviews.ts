export interface ReviewCountEntry {
  id: number;
  locationName: string;
  from: string;
  day: string;
  positive: number;
  total: number | null;
  averageRating: number | null;
  platform: string | null;
  createdBy: string;
  createdAt: number;
}

export interface OrdersEntry {
  locationName: string;
  day: string;
  count: number;
  updatedBy: string;
}

export type ReviewSource = 'import' | 'email' | 'google';

export interface LastReceived {
  locationId: number;
  locationName: string;
  source: ReviewSource;
  lastAt: number;
}

export interface CountOverlap {
  id: number;
  locationName: string;
  from: string;
  day: string;
  positive: number;
  /** the count's platform; null for an older count, matched by location and days alone */
  platform: string | null;
  /** Reviews that arrived by themselves (e-mail, Google) for the same location, days and platform. */
  ingested: number;
  ingestedPositive: number;
  sources: string;
}
