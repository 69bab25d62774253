// The demo operators the seed creates, one per role. Their passwords are printed by `npm start` on an
// embedded (demo) database and used by the browser tests; they are never created unless seeding.

export const DEMO_OPERATORS = [
  { email: "admin@rollover.local", name: "Ada Admin", role: "ADMIN", password: "demo-Admin-2026" },
  { email: "promo@rollover.local", name: "Pat Promo", role: "PROMO_MANAGER", password: "demo-Promo-2026" },
  { email: "affiliates@rollover.local", name: "Alex Affiliates", role: "AFFILIATE_MANAGER", password: "demo-Affil-2026" },
  { email: "support@rollover.local", name: "Sam Support", role: "SUPPORT", password: "demo-Support-2026" },
] as const;

export type TDemoOperator = (typeof DEMO_OPERATORS)[number];
