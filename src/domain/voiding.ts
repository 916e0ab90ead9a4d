import { z } from 'zod';
import { normalizeCardCode } from './codes';

const MAX_VOID_REASON = 200;
export const MAX_CODES_PER_VOID = 1000;

/** `{"reason": "..."}`: why a card or batch is voided, kept for the audit trail. */
export const voidRequestSchema = z.object({
  reason: z
    .string({ error: 'reason is required: why the cards are voided (lost, misprinted...)' })
    .trim()
    .min(1, 'reason must not be empty')
    .max(MAX_VOID_REASON, `reason must be at most ${MAX_VOID_REASON} characters`),
});

/**
 * Reads codes typed or pasted by staff: any separators, any case, Crockford's look-alike
 * letters folded. Returns the valid codes (deduplicated, in order) and the unreadable pieces.
 */
export function parseCardCodes(text: string): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const piece of text.split(/[\s,;]+/)) {
    if (piece === '') continue;
    const code = normalizeCardCode(piece);
    if (!code) invalid.push(piece.slice(0, 20));
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, invalid };
}
