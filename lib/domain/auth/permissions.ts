// Who may do what in the back office (SPEC §3). Pure data: pages, actions and the navigation all read
// it, so the matrix lives in exactly one place.

import { OPERATOR_ROLES, type TOperatorRole } from "@/lib/schemas/enums";

export { OPERATOR_ROLES, type TOperatorRole };

const ALL: readonly TOperatorRole[] = OPERATOR_ROLES;
const PROMO_WRITERS: readonly TOperatorRole[] = ["ADMIN", "PROMO_MANAGER"];
const PROMO_READERS: readonly TOperatorRole[] = ["ADMIN", "PROMO_MANAGER", "SUPPORT"];

export const PERMISSIONS = {
  "dashboard.read": ALL,
  "players.read": ALL,
  "promos.read": PROMO_READERS,
  "promos.write": PROMO_WRITERS,
  "claims.cancel": ["ADMIN", "PROMO_MANAGER", "SUPPORT"],
  "challenges.read": PROMO_READERS,
  "challenges.write": PROMO_WRITERS,
  "leaderboards.read": PROMO_READERS,
  "leaderboards.write": PROMO_WRITERS,
  "affiliateReports.read": ALL,
  "affiliateCodes.write": ["ADMIN", "AFFILIATE_MANAGER"],
  "operators.admin": ["ADMIN"],
  "apiKeys.admin": ["ADMIN"],
  "rates.admin": ["ADMIN"],
  "jurisdictions.admin": ["ADMIN"],
  "webhooks.admin": ["ADMIN"],
  "audit.read": ["ADMIN"],
} as const satisfies Record<string, readonly TOperatorRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

export function isOperatorRole(role: string): role is TOperatorRole {
  return (OPERATOR_ROLES as readonly string[]).includes(role);
}

export function can(role: string | null | undefined, permission: TPermission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly string[]).includes(role);
}

export const ROLE_LABELS: Record<TOperatorRole, string> = {
  ADMIN: "Admin",
  PROMO_MANAGER: "Promo manager",
  AFFILIATE_MANAGER: "Affiliate manager",
  SUPPORT: "Support",
};
