import { describe, expect, it } from "vitest";

import { dayRange } from "@/lib/domain/dates/range";
import { useDatabaseOfItsOwn } from "@/tests/fixtures/own-database";

// The dashboard's budget-burn card (issue #16) counts every live budgeted promo on the platform, so
// this file runs on a database of its own, like dashboard-admin.test.ts.
useDatabaseOfItsOwn("rollover_it_burn");

describe("the budget-burn card", () => {
  it("counts live promos at 80%+ of their budget and sums live budgets, leaving out spent, expired and inactive ones", async () => {
    const { dashboardKpis } = await import("@/lib/server/dashboard/queries");
    const f = await import("@/tests/fixtures/factories");
    const now = new Date();
    const range = dayRange({}, now.toISOString().slice(0, 10));

    await f.makePromo({ budgetUsdAmount: "1000", grantedUsdAmount: "800" }); // live, exactly 80%: nearly spent
    await f.makePromo({ budgetUsdAmount: "500", grantedUsdAmount: "399.99" }); // live, just under 80%
    await f.makePromo({}); // live, no budget: not in the sums
    await f.makePromo({ budgetUsdAmount: "50", grantedUsdAmount: "50" }); // spent: exhausted, not live
    await f.makePromo({ budgetUsdAmount: "100", grantedUsdAmount: "90", expiresAt: new Date(now.getTime() - 1000) }); // expired
    await f.makePromo({ budgetUsdAmount: "100", grantedUsdAmount: "95", isActive: null }); // deactivated

    const k = await dashboardKpis(range, now);
    expect(k.activePromos).toBe(3);
    expect(k.budgetBurn).toEqual({ nearlySpent: 1, grantedUsd: "1199.99", budgetUsd: "1500.00", usedRatio: 1199.99 / 1500 });
  });
});
