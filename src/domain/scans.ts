/**
 * Scan counts of one kind. `all`, `human` and `uniqueCards` cover live cards only;
 * scans on voided cards (lost, misprinted, or in a voided batch) are counted apart in
 * `onVoidedCards`, so they never inflate the Support Index.
 */
export interface KindCounts {
  /** Every scan, bots and link previews included. */
  all: number;
  /** Scans by people: no bot, no link preview, no HEAD probe. */
  human: number;
  /** Distinct cards with at least one human scan. */
  uniqueCards: number;
  /** Every scan on a voided card. */
  onVoidedCards: number;
}

export interface ScanCounts {
  review: KindCounts;
  complaint: KindCounts;
}
