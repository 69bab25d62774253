import { describe, expect, it } from "vitest";

import { can, OPERATOR_ROLES, type TPermission } from "@/lib/domain/auth/permissions";

// SPEC §3's role matrix, row by row.
const MATRIX: Record<TPermission, string[]> = {
  "dashboard.read": ["ADMIN", "PROMO_MANAGER", "AFFILIATE_MANAGER", "SUPPORT"],
  "players.read": ["ADMIN", "PROMO_MANAGER", "AFFILIATE_MANAGER", "SUPPORT"],
  "promos.read": ["ADMIN", "PROMO_MANAGER", "SUPPORT"],
  "promos.write": ["ADMIN", "PROMO_MANAGER"],
  "claims.cancel": ["ADMIN", "PROMO_MANAGER", "SUPPORT"],
  "challenges.read": ["ADMIN", "PROMO_MANAGER", "SUPPORT"],
  "challenges.write": ["ADMIN", "PROMO_MANAGER"],
  "leaderboards.read": ["ADMIN", "PROMO_MANAGER", "SUPPORT"],
  "leaderboards.write": ["ADMIN", "PROMO_MANAGER"],
  "affiliateReports.read": ["ADMIN", "PROMO_MANAGER", "AFFILIATE_MANAGER", "SUPPORT"],
  "affiliateCodes.write": ["ADMIN", "AFFILIATE_MANAGER"],
  "operators.admin": ["ADMIN"],
  "apiKeys.admin": ["ADMIN"],
  "rates.admin": ["ADMIN"],
  "jurisdictions.admin": ["ADMIN"],
  "webhooks.admin": ["ADMIN"],
  "audit.read": ["ADMIN"],
};

describe("permissions", () => {
  for (const [permission, roles] of Object.entries(MATRIX)) {
    it(`${permission}: ${roles.join(", ")}`, () => {
      for (const role of OPERATOR_ROLES) expect(can(role, permission as TPermission)).toBe(roles.includes(role));
    });
  }

  it("players and unknown roles can do nothing", () => {
    expect(can("PLAYER", "dashboard.read")).toBe(false);
    expect(can(undefined, "dashboard.read")).toBe(false);
  });
});
