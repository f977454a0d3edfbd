import { describe, expect, it } from 'vitest';
import { quantile, round, summarize } from './stats';

describe('summarize', () => {
  it('gives the median of an odd count as the middle value, whatever the order', () => {
    expect(summarize([9, 1, 5]).median).toBe(5);
  });

  it('interpolates the median and the deciles between ranks', () => {
    const summary = summarize([4, 1, 3, 2]);
    expect(summary).toMatchObject({ runs: 4, median: 2.5, min: 1, max: 4 });
    expect(summary.p10).toBeCloseTo(1.3);
    expect(summary.p90).toBeCloseTo(3.7);
  });

  it('refuses samples that are not finite numbers, naming how many', () => {
    expect(() => summarize([1, Number.NaN, Infinity])).toThrow('2 sample(s) are not finite numbers');
  });

  it('refuses an empty list with a reason', () => {
    expect(() => quantile([], 0.5)).toThrow(/no values/);
  });
});

describe('round', () => {
  it('keeps the asked decimals', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(59_999.6, 0)).toBe(60_000);
  });
});
