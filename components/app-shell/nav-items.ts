import type { TPermission } from "@/lib/domain/auth/permissions";

import type * as NAV_ICONS from "./nav-icons";

export type TNavItem = { href: string; label: string; icon: keyof typeof NAV_ICONS; permission: TPermission };
export type TNavGroup = { label: string; items: TNavItem[] };

// Every area of SPEC §3. The sidebar shows an item only to roles that may read it.
export const NAV_GROUPS: TNavGroup[] = [
  {
    label: "Overview",
    items: [
      { href: "/", label: "Dashboard", icon: "LayoutDashboard", permission: "dashboard.read" },
      { href: "/players", label: "Player lookup", icon: "Search", permission: "players.read" },
    ],
  },
  {
    label: "Promotions",
    items: [
      { href: "/promo-codes", label: "Promo codes", icon: "TicketPercent", permission: "promos.read" },
      { href: "/challenges", label: "Challenges", icon: "Target", permission: "challenges.read" },
      { href: "/leaderboards", label: "Leaderboards", icon: "Trophy", permission: "leaderboards.read" },
      { href: "/leaderboards/schedules", label: "Schedules", icon: "CalendarClock", permission: "leaderboards.read" },
    ],
  },
  {
    label: "Affiliates",
    items: [
      { href: "/affiliates", label: "Affiliate overview", icon: "Users", permission: "affiliateReports.read" },
      { href: "/affiliates/streamers", label: "Streamer report", icon: "Radio", permission: "affiliateReports.read" },
      { href: "/affiliates/codes", label: "Affiliate codes", icon: "Link", permission: "affiliateCodes.write" },
    ],
  },
  {
    label: "Settings",
    items: [
      { href: "/settings/operators", label: "Operators", icon: "UserCog", permission: "operators.admin" },
      { href: "/settings/api-keys", label: "API keys", icon: "KeyRound", permission: "apiKeys.admin" },
      { href: "/settings/rates", label: "Currency rates", icon: "Coins", permission: "rates.admin" },
      { href: "/settings/jurisdictions", label: "Jurisdictions", icon: "Scale", permission: "jurisdictions.admin" },
      { href: "/settings/webhooks", label: "Webhooks", icon: "Webhook", permission: "webhooks.admin" },
      { href: "/audit-log", label: "Audit log", icon: "ScrollText", permission: "audit.read" },
    ],
  },
];
