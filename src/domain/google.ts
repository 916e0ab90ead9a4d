export interface GoogleLocation {
  name: string;
  title: string;
  locationId: number | null;
  locationName: string | null;
  /** The mapped location's zone (its reviews' days), Moscow while unmapped. */
  timeZone: string;
  lastUpdateTime: string | null;
  syncedAt: number | null;
  averageRating: number | null;
  totalReviewCount: number | null;
}
