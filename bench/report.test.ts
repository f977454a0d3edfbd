import { describe, expect, it } from 'vitest';
import { FINDINGS_MARKER, renderPerformanceDoc, renderTable } from './report';
import { failedMeasure, measure, shareMeasure, type BenchResults } from './results';

const results = (measures: BenchResults['measures']): BenchResults => ({
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 90_000,
  machine: { cpus: 2, loadAverage: [3, 2, 1], node: 'v20.0.0', chromium: 'Chromium 1' },
  measures,
});

describe('renderTable', () => {
  it('writes the goal beside the median and the spread, and says when the goal is missed', () => {
    const table = renderTable(results([measure({ id: 'p', label: 'Popup usable', unit: 'ms', goal: { op: '<=', value: 60 } }, [70, 80, 90])]));
    expect(table).toContain('| Popup usable | ≤ 60 ms | 80 ms | p10–p90 72 ms – 88 ms; min–max 70 ms – 90 ms; n = 3 | **no** |');
  });

  it('shows a share with its count, and a failed measure with its reason', () => {
    const table = renderTable(
      results([
        shareMeasure({ id: 's', label: 'Signed in', goal: { op: '>=', value: 100 } }, [1, 1]),
        failedMeasure({ id: 'f', label: 'Cold start', unit: 'ms', goal: { op: '<=', value: 50 } }, new Error('worker would not stop')),
      ]),
    );
    expect(table).toContain('| Signed in | ≥ 100 % | 100 % | 2 of 2 loads | yes |');
    expect(table).toContain('| Cold start | ≤ 50 ms | not measured | worker would not stop | ? |');
  });

  it('writes a note shared by several measures once', () => {
    const note = 'how it is taken';
    const table = renderTable(results([measure({ id: 'a', label: 'A', unit: 'ms', note }, [1]), measure({ id: 'b', label: 'B', unit: 'ms', note }, [2])]));
    expect(table.split(note)).toHaveLength(2);
    expect(table).toContain(`- **A; B**: ${note}`);
  });
});

describe('renderPerformanceDoc', () => {
  it('keeps what was written by hand below the marker, and replaces the generated part', () => {
    const previous = `# Old table\n| stale |\n\n${FINDINGS_MARKER}\n## What we found\n\nThe popup waits for the worker.\n`;
    const doc = renderPerformanceDoc(results([measure({ id: 'a', label: 'A', unit: 'ms' }, [5])]), previous);
    expect(doc).not.toContain('| stale |');
    expect(doc).toContain('| A | — | 5 ms |');
    expect(doc.endsWith(`${FINDINGS_MARKER}\n## What we found\n\nThe popup waits for the worker.\n`)).toBe(true);
  });

  it('starts a findings section when there is no previous page', () => {
    const doc = renderPerformanceDoc(results([]), null);
    expect(doc).toContain(FINDINGS_MARKER);
    expect(doc).toContain('## What we found');
  });
});
