// Group commit (lib/server/ingest/group-commit.ts) against a fake ingest, no database: who gets which
// results, when a group flushes, how many groups run at once, what bypasses the gatherer, and what a
// failed group does to its requests. Timers are faked, so nothing here waits on the clock.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { TEventResult } from "@/lib/schemas/api/events";
import { databaseUnavailable } from "@/lib/server/db-errors";
import type { TParsedEvent } from "@/lib/server/ingest/envelope";
import { groupCommit, type TGroupCommitOptions } from "@/lib/server/ingest/group-commit";

// The knobs when a caller passes none (the real env() would ask for a database URL and secrets).
vi.mock("@/lib/env", () => ({
  env: () => ({ GROUP_COMMIT_WAIT_MS: 7, GROUP_COMMIT_MAX_EVENTS: 3, GROUP_COMMIT_MAX_IN_FLIGHT: 1 }),
}));

type TEv = { id: string };
type TParsed = TParsedEvent<TEv>;

const valid = (id: string, index = 0): TParsed => ({ index, rawId: id, ok: true, event: { id }, warnings: [] });
const invalid = (id: string, index = 0): TParsed => ({
  index,
  rawId: id,
  ok: false,
  result: { id, status: "rejected", error: { code: "INVALID_EVENT", message: "amount: too small" }, warnings: [] },
});
/** What a request with one event sends to the ingest. */
const single = (id: string) => [valid(id)];

/** The fake's answer: each event's id, and the index it had in the batch (so a misplaced slice shows). */
const echo = (parsed: TParsed[]): TEventResult[] =>
  parsed.map((p) => (p.ok ? { id: p.rawId, status: "applied", error: null, warnings: [`#${p.index}`] } : p.result));

type TCall = { parsed: TParsed[]; settle: (error?: unknown) => void };

/**
 * A fake ingest that records each call. `auto` answers at once (or throws what `fail` returns);
 * otherwise each call waits until the test settles it. It also counts how many calls run at once.
 */
function fakeIngest(mode: { auto?: boolean; fail?: (parsed: TParsed[]) => unknown } = {}) {
  const calls: TCall[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const ingest = vi.fn((parsed: TParsed[]): Promise<TEventResult[]> => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    return new Promise<TEventResult[]>((resolve, reject) => {
      const settle = (error?: unknown) => {
        running -= 1;
        if (error !== undefined) reject(error);
        else resolve(echo(parsed));
      };
      calls.push({ parsed, settle });
      if (mode.auto) settle(mode.fail?.(parsed));
    });
  });
  return { ingest, calls, mostAtOnce: () => mostAtOnce, ids: (i: number) => calls[i].parsed.map((p) => p.rawId) };
}

/** Lets every promise callback that is ready run (timers stay faked: no clock moves). */
const drain = () => vi.advanceTimersByTimeAsync(0);

/** Records how a promise ended without letting an unobserved rejection escape. */
function outcome<T>(promise: Promise<T>) {
  const o: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(o, { value, done: true }),
    (error: unknown) => Object.assign(o, { error, done: true }),
  );
  return o;
}

const opts = (o: Partial<TGroupCommitOptions>): TGroupCommitOptions => ({ waitMs: 5, maxEvents: 100, maxInFlight: 2, ...o });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("gathering", () => {
  it("requests that arrive within waitMs go as one batch; each gets exactly its own results, in its own order", async () => {
    const fake = fakeIngest({ auto: true });
    const submit = groupCommit(fake.ingest, opts({ waitMs: 5 }));
    const ids = ["a", "b", "c", "d", "e"];
    const answers = ids.map((id) => submit(single(id)));
    expect(submit.pending()).toBe(5);
    await vi.advanceTimersByTimeAsync(4);
    expect(fake.ingest).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.ingest).toHaveBeenCalledTimes(1);
    // One batch, in the order the requests came, with indexes unique across it (deposits map results by index).
    expect(fake.calls[0].parsed.map((p) => [p.rawId, p.index])).toEqual(ids.map((id, i) => [id, i]));
    const results = await Promise.all(answers);
    expect(results).toEqual(ids.map((id, i) => [{ id, status: "applied", error: null, warnings: [`#${i}`] }]));
    expect(submit.pending()).toBe(0);
  });

  it("a group flushes as soon as it holds maxEvents, without waiting; the next one waits again", async () => {
    const fake = fakeIngest({ auto: true });
    const submit = groupCommit(fake.ingest, opts({ waitMs: 60_000, maxEvents: 3 }));
    const first = [submit(single("a")), submit(single("b"))];
    expect([fake.ingest.mock.calls.length, submit.pending()]).toEqual([0, 2]);
    first.push(submit(single("c")));
    // Called in the same turn as the third submission: no timer had to fire.
    expect([fake.ingest.mock.calls.length, submit.pending()]).toEqual([1, 0]);
    expect(fake.ids(0)).toEqual(["a", "b", "c"]);
    expect((await Promise.all(first)).map((r) => r.map((x) => x.id))).toEqual([["a"], ["b"], ["c"]]);

    const late = outcome(submit(single("d")));
    await vi.advanceTimersByTimeAsync(59_999);
    expect([fake.ingest.mock.calls.length, late.done]).toEqual([1, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.ids(1)).toEqual(["d"]);
    expect(late.value).toEqual([{ id: "d", status: "applied", error: null, warnings: ["#0"] }]);
  });

  it("without options it reads GROUP_COMMIT_* from the environment", async () => {
    const fake = fakeIngest({ auto: true });
    const submit = groupCommit(fake.ingest); // mocked env: wait 7 ms, 3 events, 1 in flight
    const answers = [submit(single("a")), submit(single("b"))];
    await vi.advanceTimersByTimeAsync(6);
    expect(fake.ingest).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.ids(0)).toEqual(["a", "b"]);
    await Promise.all(answers);
    void submit(single("c"));
    void submit(single("d"));
    void submit(single("e"));
    expect(fake.ids(1)).toEqual(["c", "d", "e"]);
  });
});

describe("groups in flight", () => {
  it("no more than maxInFlight at once; what gathered meanwhile flushes when one finishes, without waiting for its timer", async () => {
    const fake = fakeIngest();
    const submit = groupCommit(fake.ingest, opts({ waitMs: 60_000, maxEvents: 2, maxInFlight: 2 }));
    const all = ["a", "b", "c", "d", "e", "f"].map((id) => ({ id, o: outcome(submit(single(id))) }));
    // a+b and c+d filled their groups and went; e+f filled a third, but both lanes are busy.
    expect([fake.calls.length, submit.pending()]).toEqual([2, 2]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fake.calls.length).toBe(2);
    expect(all.some((x) => x.o.done)).toBe(false);

    fake.calls[0].settle();
    await drain();
    expect(fake.calls.length).toBe(3);
    expect(fake.ids(2)).toEqual(["e", "f"]);
    expect(all.filter((x) => x.o.done).map((x) => x.id)).toEqual(["a", "b"]);

    // A lone event gathered while both lanes are busy goes the moment one frees, not when its timer fires.
    const g = outcome(submit(single("g")));
    expect([fake.calls.length, submit.pending()]).toEqual([3, 1]);
    fake.calls[1].settle();
    await drain();
    expect(fake.calls.length).toBe(4);
    expect(fake.ids(3)).toEqual(["g"]);
    fake.calls[2].settle();
    fake.calls[3].settle();
    await drain();
    expect([...all.map((x) => x.o), g].every((o) => o.done && !o.error)).toBe(true);
    expect([...all.map((x) => x.o.value), g.value].map((r) => r!.map((x) => x.id))).toEqual([["a"], ["b"], ["c"], ["d"], ["e"], ["f"], ["g"]]);
    expect(fake.mostAtOnce()).toBe(2);
  });

  it("maxInFlight 1: one group at a time", async () => {
    const fake = fakeIngest();
    const submit = groupCommit(fake.ingest, opts({ waitMs: 1, maxEvents: 1000, maxInFlight: 1 }));
    const answers = ["a", "b", "c"].map((id) => outcome(submit(single(id))));
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.ids(0)).toEqual(["a", "b", "c"]);
    const more = ["d", "e"].map((id) => outcome(submit(single(id))));
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls.length).toBe(1);
    fake.calls[0].settle();
    await drain();
    expect(fake.ids(1)).toEqual(["d", "e"]);
    fake.calls[1].settle();
    await drain();
    expect([...answers, ...more].map((o) => o.value?.[0].id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(fake.mostAtOnce()).toBe(1);
  });
  // Regression: flush() once took the whole waiting list, so while every lane was busy a group grew
  // past maxEvents (the integration storm saw a 986-event group with the default 500).
  it("a group never holds more than maxEvents, even when it gathered while every lane was busy", async () => {
    const fake = fakeIngest();
    const submit = groupCommit(fake.ingest, opts({ waitMs: 60_000, maxEvents: 2, maxInFlight: 1 }));
    const all = ["a", "b", "c", "d", "e"].map((id) => outcome(submit(single(id))));
    expect(fake.calls.length).toBe(1); // a+b in flight; c, d, e wait
    for (let i = 0; i < 3 && fake.calls[i]; i++) {
      fake.calls[i].settle();
      await drain();
    }
    expect(all.every((o) => o.done)).toBe(true);
    expect(fake.calls.map((c) => c.parsed.length)).toEqual([2, 2, 1]);
  });
});

describe("what bypasses the gatherer", () => {
  it("a batch (more than one event) and a request whose every event is rejected go straight through, as they are", async () => {
    const fake = fakeIngest({ auto: true });
    const submit = groupCommit(fake.ingest, opts({ waitMs: 1000 }));
    const gathered = submit(single("s"));
    const batch = [valid("x", 0), valid("y", 1)];
    const batchAnswer = submit(batch);
    expect(fake.ingest).toHaveBeenCalledTimes(1);
    expect(fake.calls[0].parsed).toBe(batch);
    const rejectedOne = [invalid("bad")];
    const rejectedAnswer = submit(rejectedOne);
    const rejectedBatch = [invalid("bad1", 0), invalid("bad2", 1)];
    const rejectedBatchAnswer = submit(rejectedBatch);
    const mixed = [valid("m", 0), invalid("n", 1)];
    const mixedAnswer = submit(mixed);
    expect(fake.calls.map((c) => c.parsed)).toEqual([batch, rejectedOne, rejectedBatch, mixed]);
    expect(submit.pending()).toBe(1); // only the single valid event waits

    expect((await batchAnswer).map((r) => [r.id, r.status])).toEqual([["x", "applied"], ["y", "applied"]]);
    expect((await rejectedAnswer).map((r) => [r.id, r.error?.code])).toEqual([["bad", "INVALID_EVENT"]]);
    expect((await rejectedBatchAnswer).map((r) => r.id)).toEqual(["bad1", "bad2"]);
    expect((await mixedAnswer).map((r) => [r.id, r.status])).toEqual([["m", "applied"], ["n", "rejected"]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.ids(4)).toEqual(["s"]);
    expect((await gathered).map((r) => r.id)).toEqual(["s"]);
  });

  it("maxEvents 1 turns gathering off", async () => {
    const fake = fakeIngest({ auto: true });
    const submit = groupCommit(fake.ingest, opts({ waitMs: 1000, maxEvents: 1 }));
    const a = submit(single("a"));
    const b = submit(single("b"));
    expect(fake.calls.map((c) => c.parsed.map((p) => p.rawId))).toEqual([["a"], ["b"]]);
    expect(submit.pending()).toBe(0);
    expect([(await a)[0].id, (await b)[0].id]).toEqual(["a", "b"]);
  });
});

describe("a group that fails", () => {
  it("for something in it (not the database): every request is retried alone, and only the guilty one rejects", async () => {
    const boom = new Error("cannot apply event guilty");
    const fake = fakeIngest({ auto: true, fail: (parsed) => (parsed.some((p) => p.rawId === "guilty") ? boom : undefined) });
    const submit = groupCommit(fake.ingest, opts({ waitMs: 5 }));
    const ids = ["a", "guilty", "b", "c"];
    const answers = ids.map((id) => outcome(submit(single(id))));
    await vi.advanceTimersByTimeAsync(5);
    await drain();
    expect(databaseUnavailable(boom)).toBeNull();
    // The group, then each request alone with its own events (index 0 again), in the order they came.
    expect(fake.calls.map((c) => c.parsed.map((p) => [p.rawId, p.index]))).toEqual([
      ids.map((id, i) => [id, i]),
      ...ids.map((id) => [[id, 0]]),
    ]);
    expect(answers.map((o) => o.done)).toEqual([true, true, true, true]);
    expect(answers[1].error).toBe(boom);
    expect([answers[0], answers[2], answers[3]].map((o) => o.value)).toEqual(
      ["a", "b", "c"].map((id) => [{ id, status: "applied", error: null, warnings: ["#0"] }]),
    );

    // The gatherer goes on: the failed group freed its lane.
    const next = outcome(submit(single("d")));
    await vi.advanceTimersByTimeAsync(5);
    await drain();
    expect(next.value?.[0].id).toBe("d");
  });

  it("a group of one request that fails rejects with its error, without a second try", async () => {
    const boom = new Error("bug");
    const fake = fakeIngest({ auto: true, fail: () => boom });
    const submit = groupCommit(fake.ingest, opts({ waitMs: 5 }));
    const only = outcome(submit(single("a")));
    await vi.advanceTimersByTimeAsync(5);
    await drain();
    expect([fake.calls.length, only.error]).toEqual([1, boom]);
  });

  // Shapes lib/server/db-errors.ts reads as "the database can't serve this now" (a 503 at the edge).
  const outages = [
    ["a dropped connection (57P01)", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["pg's plain Error", new Error("Connection terminated unexpectedly")],
    ["a lock timeout inside Prisma's error", Object.assign(new Error("Raw query failed."), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "55P03" } } } })],
  ] as const;
  it.each(outages)("because the database is unavailable (%s): every request rejects with that error, none is retried", async (_label, outage) => {
    expect(databaseUnavailable(outage)).not.toBeNull();
    let down = true;
    const fake = fakeIngest({ auto: true, fail: () => (down ? outage : undefined) });
    const submit = groupCommit(fake.ingest, opts({ waitMs: 5 }));
    const answers = ["a", "b", "c"].map((id) => outcome(submit(single(id))));
    await vi.advanceTimersByTimeAsync(5);
    await drain();
    expect(fake.calls.length).toBe(1);
    expect(answers.map((o) => [o.done, o.error])).toEqual([[true, outage], [true, outage], [true, outage]]);
    expect(answers.every((o) => o.error === outage)).toBe(true);

    // Resent once the database is back, they apply.
    down = false;
    const again = ["a", "b", "c"].map((id) => outcome(submit(single(id))));
    await vi.advanceTimersByTimeAsync(5);
    await drain();
    expect(fake.calls.length).toBe(2);
    expect(again.map((o) => o.value?.[0].id)).toEqual(["a", "b", "c"]);
  });
});
