/** Complaint reasons: each location has its own ordered list; used reasons are archived, never deleted. */
export interface Reason {
  id: number;
  locationId: number;
  label: string;
  /** shown to customers whose language is English; null: the Russian label (or a default's own English) */
  labelEn: string | null;
  position: number;
  archivedAt: number | null;
  /** how many complaints name this reason */
  complaints: number;
  /** a catch-all ("Другое"): never one of the top-3 causes */
  catchAll: boolean;
}
