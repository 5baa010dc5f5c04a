/** The statistics every bench reports: medians over rounds, nearest-rank percentiles of latencies. */

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Nearest rank: the smallest value with at least p % of the values at or below it. */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** Count, p50, p99 and max, rounded to `digits`. */
export const summary = (values: readonly number[], digits = 2) => {
  const round = (n: number) => +n.toFixed(digits);
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    max: round(values.length > 0 ? Math.max(...values) : NaN),
  };
};
