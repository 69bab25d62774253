// "Is the promo live?" is judged in SQL for sets (lib/server/promo-codes/live.ts) and in TypeScript
// for one promo already read (lib/domain/promos/live.ts). This holds them to the same answer for
// every combination at the boundaries: the expiry at, just before and just after the instant judged;
// no claim, one or none left; no budget, a cent left, exactly spent.
import { describe, expect, it } from "vitest";

import { promoState, type TPromoState } from "@/lib/domain/promos/live";
import { db } from "@/lib/server/db";
import { promoInStateSql } from "@/lib/server/promo-codes/live";

const AT = new Date("2031-03-04T05:06:07.008Z");
const STATES: TPromoState[] = ["active", "scheduled", "expired", "exhausted", "inactive"];

describe("promo liveness: SQL and TypeScript agree", () => {
  it("for every active flag, expiry, claim count and budget around the instant", async () => {
    const expiries = [null, new Date(AT.getTime() - 1), AT, new Date(AT.getTime() + 1)];
    const budgets: [string | null, string][] = [[null, "0"], ["100", "99.99"], ["100", "100"], ["0", "0"]];
    const starts = [null, new Date(AT.getTime() - 1), AT, new Date(AT.getTime() + 1)];
    for (const isActive of [true, null]) {
      for (const [expiresAt, startsAt] of expiries.flatMap((e) => starts.map((s) => [e, s] as const))) {
        for (const claimsLeft of [null, 0, 1]) {
          for (const [budgetUsdAmount, grantedUsdAmount] of budgets) {
            const [row] = await db.$queryRaw<Record<TPromoState, boolean>[]>`
              SELECT ${promoInStateSql("p", "active", AT)} AS active, ${promoInStateSql("p", "scheduled", AT)} AS scheduled, ${promoInStateSql("p", "expired", AT)} AS expired,
                     ${promoInStateSql("p", "exhausted", AT)} AS exhausted, ${promoInStateSql("p", "inactive", AT)} AS inactive
              FROM (SELECT ${isActive}::boolean AS "isActive", ${expiresAt}::timestamptz AS "expiresAt", ${startsAt}::timestamptz AS "startsAt",
                           ${claimsLeft}::int AS "claimsLeft",
                           ${budgetUsdAmount}::numeric AS "budgetUsdAmount", ${grantedUsdAmount}::numeric AS "grantedUsdAmount") p`;
            const promo = { isActive, expiresAt, startsAt, claimsLeft, budgetUsdAmount, grantedUsdAmount };
            expect(STATES.filter((s) => row[s]), JSON.stringify(promo)).toEqual([promoState(promo, AT)]);
          }
        }
      }
    }
  });
});
