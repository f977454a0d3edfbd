/**
 * Summaries of repeated measurements: the median as the figure, and the spread beside it, so that
 * a noisy machine shows up as a wide spread instead of a wrong number.
 */
export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
  p10: number;
  p90: number;
}

/** The q-quantile by linear interpolation between the closest ranks (q = 0.5 gives the median). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of no values: the measure produced no samples');
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  const high = sorted[above]!;
  return low + (high - low) * (position - below);
}

export function summarize(samples: readonly number[]): Summary {
  const finite = samples.filter((value) => Number.isFinite(value));
  if (finite.length !== samples.length) throw new Error(`summarize: ${samples.length - finite.length} sample(s) are not finite numbers`);
  const sorted = [...finite].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
  };
}

/** Rounds for the report: whole numbers stay whole, others keep `digits` decimals. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
