import { describe, expect, it } from 'vitest';
import { failedMeasure, measure, meets, shareMeasure, toJson, type BenchResults } from './results';

describe('measures and goals', () => {
  it('judges the median against an upper goal', () => {
    const slow = measure({ id: 'x', label: 'X', unit: 'ms', goal: { op: '<=', value: 60 } }, [50, 70, 80]);
    expect(slow.summary?.median).toBe(70);
    expect(slow.met).toBe(false);
    expect(measure({ id: 'y', label: 'Y', unit: 'ms', goal: { op: '<=', value: 60 } }, [50, 55, 90]).met).toBe(true);
  });

  it('can keep the summary of a pooled measure without its thousands of samples', () => {
    const pooled = measure({ id: 'lead', label: 'Lead', unit: 'ms' }, [1, 2, 3], { keepSamples: false });
    expect(pooled).not.toHaveProperty('samples');
    expect(pooled.summary).toMatchObject({ runs: 3, median: 2 });
  });

  it('leaves "met" out when there is no goal', () => {
    expect(measure({ id: 'x', label: 'X', unit: 'kB' }, [3])).not.toHaveProperty('met');
  });

  it('takes a share as the percentage of successes, not a median of ones and zeros', () => {
    const share = shareMeasure({ id: 's', label: 'S', goal: { op: '>=', value: 100 } }, [1, 1, 0, 1]);
    expect(share.summary?.median).toBe(75);
    expect(share.detail).toBe('3 of 4 loads');
    expect(share.met).toBe(false);
  });

  it('keeps the first line of a failure as the reason', () => {
    expect(failedMeasure({ id: 'f', label: 'F', unit: 'ms' }, new Error('browser crashed\n  at stack')).error).toBe('browser crashed');
  });

  it('compares lower goals inclusively', () => {
    expect(meets({ op: '>=', value: 100 }, 100)).toBe(true);
    expect(meets({ op: '<=', value: 0 }, 1)).toBe(false);
  });
});

describe('toJson', () => {
  it('puts each list of samples on one line, rounded to 0.01, and still parses', () => {
    const results: BenchResults = {
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1000,
      machine: { cpus: 2, loadAverage: [1.234], node: 'v20', chromium: 'Chromium' },
      measures: [measure({ id: 'x', label: 'X', unit: 'ms' }, [1.23456, -2, 3e-7])],
    };
    const text = toJson(results);
    expect(text).toContain('"samples": [1.23, -2, 0]');
    expect(JSON.parse(text).measures[0].summary.median).toBe(0);
  });
});
