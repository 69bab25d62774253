// Round axis ticks for charts: steps of 1, 2 or 5 × 10^n, so a money axis reads $0, $1K, $2K, …
// rather than recharts' own $950, $1.9K, $2.9K.

export type TNiceAxis = { domain: [number, number]; ticks: number[] };

/** The smallest 1/2/5 × 10^n step at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  // Rounded so 0.1 + 0.2 style float noise never reaches a label.
  return Number((nice * power).toPrecision(12));
}

/**
 * A domain covering `values` (and 0, so bars start at the axis) rounded out to a nice step, and
 * the ticks on it; at most about `count` intervals.
 */
export function niceTicks(values: readonly number[], count = 4): TNiceAxis {
  const finite = values.filter((v) => Number.isFinite(v));
  const min = Math.min(0, ...finite);
  const max = Math.max(0, ...finite);
  // Nothing (or only float dust) to show: a unit axis.
  if (max - min < 1e-9) return { domain: [0, 1], ticks: [0, 1] };
  const step = niceStep((max - min) / Math.max(1, count));
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 1e9; i++) ticks.push(Number((lo + i * step).toPrecision(12)));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}
