/**
 * The shape of bench/results.json: one entry per measure, with its goal (when the issue sets one),
 * the summary of its samples, and whether the median meets the goal.
 */
import { summarize, type Summary } from './stats';

export type Unit = 'kB' | 'ms' | 'ratio' | '%' | 'count';

export interface Goal {
  /** The median must be at most (`<=`) or at least (`>=`) this value. */
  op: '<=' | '>=';
  value: number;
}

export interface Measure {
  id: string;
  label: string;
  unit: Unit;
  goal?: Goal;
  summary?: Summary;
  samples?: number[];
  /** Whether the median meets the goal; absent when there is no goal or no result. */
  met?: boolean;
  /** Shown instead of the spread when the spread says nothing (a share of loads, one deterministic size). */
  detail?: string;
  /** How the figure was taken, or what it depends on. */
  note?: string;
  /** Why the measure has no result (the run goes on with the others). */
  error?: string;
}

export function meets(goal: Goal, value: number): boolean {
  return goal.op === '<=' ? value <= goal.value : value >= goal.value;
}

/** `keepSamples: false` for pooled measures with thousands of samples: the summary is kept, the list is not. */
export function measure(base: Omit<Measure, 'summary' | 'samples' | 'met'>, samples: readonly number[], options: { keepSamples?: boolean } = {}): Measure {
  const summary = summarize(samples);
  return { ...base, summary, ...(options.keepSamples === false ? {} : { samples: [...samples] }), ...(base.goal ? { met: meets(base.goal, summary.median) } : {}) };
}

/** A share in percent of trials that succeeded (each sample 1 or 0): the figure is the share itself. */
export function shareMeasure(base: Omit<Measure, 'summary' | 'samples' | 'met' | 'unit'>, outcomes: readonly (0 | 1)[]): Measure {
  if (outcomes.length === 0) throw new Error(`${base.label}: no trials`);
  const successes = outcomes.filter((outcome) => outcome === 1).length;
  const share = (successes / outcomes.length) * 100;
  const summary = { runs: outcomes.length, median: share, min: share, max: share, p10: share, p90: share };
  return { ...base, unit: '%', summary, samples: [...outcomes], detail: `${successes} of ${outcomes.length} loads`, ...(base.goal ? { met: meets(base.goal, share) } : {}) };
}

export function failedMeasure(base: Omit<Measure, 'summary' | 'samples' | 'met' | 'error'>, error: unknown): Measure {
  return { ...base, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
}

export interface BenchResults {
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; loadAverage: number[]; node: string; chromium: string };
  measures: Measure[];
}

/** Indented JSON with each list of numbers on one line, and samples to 0.01: readable, and diffs stay small. */
export function toJson(results: BenchResults): string {
  const rounded = JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value), 2);
  return rounded.replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_match, list: string) => `[${list.split(/,\s*/).join(', ')}]`);
}
