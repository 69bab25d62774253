// The clock's sweeps — advanceBoards(now), expireDueBonuses(tx, cutoff) without users — take no
// board or player to act on: they move every row of the table that `now` makes due. A test can't
// confine such a sweep to its own rows by data alone: whichever of two sweeping tests runs the later
// clock also moves the other's rows. So each sweeping test keeps its rows in an era of its own (see
// ERAS in tests/fixtures/factories.ts, far from the "now" other tests write around), and holds this
// lock while it sweeps, so two sweeping tests never interleave. Tests that don't sweep never take it.
import pg from "pg";
import { inject } from "vitest";

// An arbitrary constant of our own, so no application advisory lock can clash with it.
const CLOCK_LOCK_KEY = 7_102_026_001;

/** Takes the clock lock on a connection of its own; resolves to its release. */
export async function holdClock(): Promise<() => Promise<void>> {
  // The embedded PGlite serves one session: locks there never block, and race tests are skipped.
  if (inject("isEmbedded")) return async () => {};
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  client.on("error", () => {}); // a dropped connection only releases the lock; the run goes on
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [CLOCK_LOCK_KEY]);
  return async () => {
    await client.query("SELECT pg_advisory_unlock($1)", [CLOCK_LOCK_KEY]).catch(() => {});
    await client.end();
  };
}

/** Runs fn while holding the clock lock. */
export async function withClock<T>(fn: () => Promise<T>): Promise<T> {
  const release = await holdClock();
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Long enough to wait for another sweeping file to finish, then run. */
export const CLOCK_WAIT_MS = 300_000;

/**
 * Rate limits count in fixed clock windows (lib/server/rate-limit.ts). A test that makes N calls and
 * expects the (N+1)th refused must make them all in one window: this waits, when fewer than `needMs`
 * are left in the current window, until the next one starts.
 */
export async function inOneRateWindow(windowSeconds: number, needMs = 20_000): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
