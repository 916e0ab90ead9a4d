/** A location's brand on its cards: colour, back-side text and logo (migration 0013). */
export interface LocationBrand {
  brandColor: string | null;
  backText: string | null;
  logo: { type: 'image/png' | 'image/jpeg'; bytes: Uint8Array; width: number; height: number } | null;
}
