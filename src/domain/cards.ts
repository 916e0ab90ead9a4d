/** Who voided a card or a batch, when and why. */
export interface VoidRecord {
  voidedAt: number;
  reason: string;
  voidedBy: string;
}

export interface VoidedCard extends VoidRecord {
  code: string;
  batchId: string;
  /** True when the card is void because its whole batch is. */
  byBatch: boolean;
}
