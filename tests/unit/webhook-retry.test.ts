import { describe, expect, it } from "vitest";

import { nextRetryAt, RETRY_WINDOW_MS } from "@/lib/domain/webhooks/retry";

// SPEC §2: the first retry within 30 s, then backing off to hourly, for up to 24 h after the event.
describe("nextRetryAt", () => {
  const event = new Date("2026-12-08T00:00:00Z");
  const at = (ms: number) => new Date(event.getTime() + ms);
  const waits = (random: () => number) => {
    const out: number[] = [];
    let now = at(0);
    for (let n = 1; ; n++) {
      const next = nextRetryAt({ failedAttempts: n, now, eventCreatedAt: event, random });
      if (!next) return out;
      out.push(next.getTime() - now.getTime());
      now = next;
    }
  };

  it("retries first within 30 s, never waits longer than the one before, tops out at an hour", () => {
    for (const random of [() => 0, () => 0.999, Math.random]) {
      const w = waits(random);
      expect(w[0]).toBeLessThanOrEqual(30_000);
      expect(Math.max(...w)).toBeLessThanOrEqual(3_600_000);
      expect(w.slice(0, -1).every((ms, i) => i === 0 || ms >= w[i - 1] * 0.9)).toBe(true);
      expect(w.reduce((a, b) => a + b, 0)).toBe(RETRY_WINDOW_MS); // the last try is at the 24 h mark
      expect(w.length).toBeLessThan(40);
    }
  });

  it("gives up once the event is 24 h old", () => {
    expect(nextRetryAt({ failedAttempts: 3, now: at(RETRY_WINDOW_MS), eventCreatedAt: event })).toBeNull();
    expect(nextRetryAt({ failedAttempts: 1, now: at(RETRY_WINDOW_MS - 1000), eventCreatedAt: event, random: () => 0 })).toEqual(at(RETRY_WINDOW_MS));
  });
});
