import "server-only";

import { env } from "@/lib/env";
import type { TEventResult } from "@/lib/schemas/api/events";
import { databaseUnavailable } from "@/lib/server/db-errors";
import type { TParsedEvent } from "@/lib/server/ingest/envelope";

/** An events ingest: parsed events in, one result per event out, in the order given. */
export type TIngest<T> = (parsed: TParsedEvent<T>[]) => Promise<TEventResult[]>;

export type TGroupCommitOptions = {
  /** How long the first event of a group waits for company (ms); 0 flushes on the next turn of the event loop. */
  waitMs: number;
  /** A group flushes as soon as it holds this many events. */
  maxEvents: number;
  /** Groups applied at once; while that many are in flight, new events gather for the next one. */
  maxInFlight: number;
};

type TWaiting<T> = { parsed: TParsedEvent<T>[]; resolve: (r: TEventResult[]) => void; reject: (e: unknown) => void };

/**
 * Group commit for single events (one process; the app stays stateless). Requests that carry one
 * event are gathered for at most `waitMs` (or until `maxEvents` are waiting) and applied as one batch
 * through the batch path itself — same idempotency, per-event rejection and order — in one
 * transaction; each request's promise settles after that commit, with its own results only. Larger
 * requests go straight through: they are batches already.
 *
 * A group that fails as a whole for a database outage or lock budget (a 503 at the edge) fails every
 * request in it: nothing of it was committed, so each may be resent. Any other failure is retried
 * request by request, so an event that makes its batch fail only fails its own request.
 */
export function groupCommit<T>(ingest: TIngest<T>, options: Partial<TGroupCommitOptions> = {}): TIngest<T> & { pending: () => number } {
  // Read on first use (the environment is parsed then, not when the module loads), and only for the
  // options not given.
  let resolved: TGroupCommitOptions | null = null;
  const opts = (): TGroupCommitOptions => {
    if (resolved) return resolved;
    const given = (k: keyof TGroupCommitOptions) => options[k];
    const e = given("waitMs") !== undefined && given("maxEvents") !== undefined && given("maxInFlight") !== undefined ? null : env();
    resolved = {
      waitMs: options.waitMs ?? e!.GROUP_COMMIT_WAIT_MS,
      maxEvents: options.maxEvents ?? e!.GROUP_COMMIT_MAX_EVENTS,
      maxInFlight: options.maxInFlight ?? e!.GROUP_COMMIT_MAX_IN_FLIGHT,
    };
    return resolved;
  };
  let waiting: TWaiting<T>[] = [];
  let waitingEvents = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = 0;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0 || inFlight >= opts().maxInFlight) return;
    // At most maxEvents per group (whole requests: a single-event request is one event); what is
    // left over waits for the next lane.
    let take = 0;
    let events = 0;
    while (take < waiting.length && (take === 0 || events + waiting[take].parsed.length <= opts().maxEvents)) {
      events += waiting[take].parsed.length;
      take += 1;
    }
    const group = waiting.slice(0, take);
    waiting = waiting.slice(take);
    waitingEvents -= events;
    inFlight += 1;
    void applyGroup(ingest, group).finally(() => {
      inFlight -= 1;
      // Whatever gathered while every lane was busy goes now, without waiting again.
      if (waiting.length > 0) flush();
    });
    // A full group may be waiting behind this one while a lane is still free; a smaller rest waits
    // for its timer or the next lane to finish.
    if (waitingEvents >= opts().maxEvents) flush();
    else if (waiting.length > 0) timer ??= setTimeout(flush, opts().waitMs);
  };

  const submit = (parsed: TParsedEvent<T>[]): Promise<TEventResult[]> => {
    const o = opts();
    // Nothing to write (every event already rejected by its schema) or a batch already: no gathering.
    if (parsed.length !== 1 || !parsed[0].ok || o.maxEvents <= 1) return ingest(parsed);
    return new Promise<TEventResult[]>((resolve, reject) => {
      waiting.push({ parsed, resolve, reject });
      waitingEvents += parsed.length;
      if (waitingEvents >= o.maxEvents) flush();
      else timer ??= setTimeout(flush, o.waitMs);
    });
  };
  return Object.assign(submit, { pending: () => waitingEvents });
}

/** One batch for the whole group; each request gets back the slice of results for its own events. */
async function applyGroup<T>(ingest: TIngest<T>, group: TWaiting<T>[]): Promise<void> {
  // Indexes are unique across the batch (deposits map their results by index).
  let offset = 0;
  const merged: TParsedEvent<T>[] = [];
  const slices = group.map((w) => {
    const start = offset;
    for (const p of w.parsed) merged.push({ ...p, index: offset++ });
    return [start, offset] as const;
  });
  try {
    const results = await ingest(merged);
    group.forEach((w, i) => w.resolve(results.slice(slices[i][0], slices[i][1])));
  } catch (error) {
    if (group.length === 1 || databaseUnavailable(error)) {
      for (const w of group) w.reject(error);
      return;
    }
    // Not the database's state but something in the group: each request alone, so only its own fails.
    for (const w of group) {
      try {
        w.resolve(await ingest(w.parsed));
      } catch (own) {
        w.reject(own);
      }
    }
  }
}
