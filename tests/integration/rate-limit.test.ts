import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import { hitRateLimit } from "@/lib/server/rate-limit";
import { skipRaces } from "@/tests/support/race";

describe("PostgreSQL rate limiter", () => {
  it("counts hits within a window and starts over in the next", async () => {
    const key = `t:${randomBytes(4).toString("hex")}`;
    const t0 = new Date("2030-01-01T00:00:10Z");
    for (let i = 1; i <= 3; i++) expect((await hitRateLimit(key, 3, 60, undefined, t0)).allowed).toBe(true);
    const fourth = await hitRateLimit(key, 3, 60, undefined, t0);
    expect(fourth).toMatchObject({ allowed: false, count: 4, retryAfterSeconds: 50 });
    expect((await hitRateLimit(key, 3, 60, undefined, new Date("2030-01-01T00:01:00Z"))).allowed).toBe(true);
  });

  it.skipIf(skipRaces)("lets exactly `limit` of many concurrent hits through", async () => {
    const key = `race:${randomBytes(4).toString("hex")}`;
    const results = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(key, 5, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
