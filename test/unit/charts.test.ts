import { describe, expect, it } from 'vitest';
import { niceMax, xLabelIndexes } from '../../src/views/charts';

describe('chart axes', () => {
  it('round the axis maximum up to four even, readable steps', () => {
    expect(niceMax(0.105)).toBeCloseTo(0.2, 10); // steps of 5 %
    expect(niceMax(0.4)).toBeCloseTo(0.4, 10);
    expect(niceMax(37)).toBe(40);
    expect(niceMax(62)).toBe(80);
    expect(niceMax(0)).toBe(1);
  });

  it('label the first and last points and a few between', () => {
    expect(xLabelIndexes(3, 4)).toEqual([0, 1, 2]);
    expect(xLabelIndexes(30, 4)).toEqual([0, 10, 19, 29]);
  });
});
