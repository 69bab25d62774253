// When a failed webhook delivery is tried again (SPEC §2 "Grants and webhooks"): the first retry
// within 30 s, then backing off to hourly, for up to 24 h after the event; then it has failed.
// A little jitter keeps the retries of one endpoint's many deliveries from arriving all at once.

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

/** The wait after the 1st, 2nd, … failed attempt; after the last one, hourly. */
export const RETRY_DELAYS_MS = [10 * SEC, 30 * SEC, 2 * MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR] as const;
/** How long after its event a delivery keeps being retried. */
export const RETRY_WINDOW_MS = 24 * HOUR;
/** An endpoint whose attempts all failed for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * HOUR;
const JITTER = 0.1;

/**
 * The next attempt after `failedAttempts` failures (≥ 1), or null once the window is over. The last
 * attempt is made at the window's end rather than skipped when the next step would overshoot it.
 */
export function nextRetryAt(input: {
  failedAttempts: number;
  now: Date;
  eventCreatedAt: Date;
  random?: () => number;
}): Date | null {
  const { failedAttempts, now, eventCreatedAt, random = Math.random } = input;
  const deadline = eventCreatedAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return null;
  const base = RETRY_DELAYS_MS[Math.min(Math.max(failedAttempts, 1), RETRY_DELAYS_MS.length) - 1];
  const delay = base * (1 - JITTER * random()); // never longer than the step: "within 30 s" holds
  return new Date(Math.min(now.getTime() + delay, deadline));
}
