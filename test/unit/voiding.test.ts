import { describe, expect, it } from 'vitest';
import { parseCardCodes, voidRequestSchema } from '../../src/domain/voiding';

describe('codes typed by staff', () => {
  it('reads any separators and case, folds look-alike letters and drops repeats', () => {
    expect(parseCardCodes(' abcd0efgh1,\nABCDOEFGHI ; 0123456789 ')).toEqual({
      codes: ['ABCD0EFGH1', '0123456789'],
      invalid: [],
    });
  });

  it('names what is not a code', () => {
    expect(parseCardCodes('0123456789 hello 01234567')).toEqual({
      codes: ['0123456789'],
      invalid: ['hello', '01234567'],
    });
  });
});

describe('void reason', () => {
  it('is required, trimmed and at most 200 characters', () => {
    expect(voidRequestSchema.safeParse({ reason: '  Потеряна  ' })).toMatchObject({
      success: true,
      data: { reason: 'Потеряна' },
    });
    expect(voidRequestSchema.safeParse({}).success).toBe(false);
    expect(voidRequestSchema.safeParse({ reason: '   ' }).success).toBe(false);
    expect(voidRequestSchema.safeParse({ reason: 'x'.repeat(201) }).success).toBe(false);
  });
});
