import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import { GET as creditsRoute } from "@/app/api/v1/credits/route";
import { env, setEnv } from "@/lib/env";
import { db } from "@/lib/server/db";
import { hitRateLimit } from "@/lib/server/rate-limit";
import { call, platformKey } from "@/tests/fixtures/api";
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

  it.skipIf(skipRaces)(
    "concurrent requests with one API key: each counted once, exactly the limit of each second's window let through, the rest 429",
    async () => {
      const before = env().RATE_LIMIT_API_KEY_PER_SECOND;
      const limit = 10;
      setEnv({ RATE_LIMIT_API_KEY_PER_SECOND: String(limit) });
      try {
        const name = `burst-${randomBytes(4).toString("hex")}`;
        const key = await platformKey(name);
        const { id } = await db.apiKey.findFirstOrThrow({ where: { name } });
        // Requests of one key arriving while its lookup runs share the next lookup (count + n): the
        // burst is counted in a few statements, each request still getting its own place in the count.
        const statuses = (
          await Promise.all(Array.from({ length: 60 }, () => call(creditsRoute, { method: "GET", token: key, path: "/api/v1/credits?limit=1" })))
        ).map((r) => r.status);
        expect(new Set(statuses)).toEqual(new Set([200, 429]));
        const windows = await db.rateLimitCounter.findMany({ where: { key: `apikey:${id}` } });
        expect(windows.reduce((n, w) => n + w.count, 0)).toBe(60);
        const allowed = windows.reduce((n, w) => n + Math.min(w.count, limit), 0);
        expect(statuses.filter((s) => s === 200)).toHaveLength(allowed);
      } finally {
        setEnv({ RATE_LIMIT_API_KEY_PER_SECOND: String(before) });
      }
    },
  );
});
