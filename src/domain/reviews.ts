export interface ReviewCountEntry {
  id: number;
  locationName: string;
  from: string;
  day: string;
  positive: number;
  total: number | null;
  averageRating: number | null;
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
  /** Reviews that arrived by themselves (e-mail, Google) for the same location and days. */
  ingested: number;
  ingestedPositive: number;
  sources: string;
}
