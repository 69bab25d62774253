import { z } from "zod";

import { ZInt4Id } from "@/lib/schemas/ids";
import { ZCode } from "@/lib/schemas/money";
import { ZDayRangeQuery } from "@/lib/schemas/reports";

// Affiliate codes (form, action, tests) and the report filters (URL search params).

export const ZAffiliateCodeInput = z.object({
  code: ZCode,
  owner: z.string().trim().min(1, "The player id or username who owns the code").max(100),
  commissionRate: z.union([
    z.literal(""),
    z
      .string()
      .trim()
      .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, "A share between 0 and 1, such as 0.3"),
  ]),
  allowCommissionBonus: z.boolean(),
});
export type TAffiliateCodeInput = z.input<typeof ZAffiliateCodeInput>;
export type TAffiliateCodeParsed = z.output<typeof ZAffiliateCodeInput>;

export const ZAffiliateCodeUpdate = z.object({
  id: z.string().trim().min(1).max(32),
  commissionRate: ZAffiliateCodeInput.shape.commissionRate,
  allowCommissionBonus: z.boolean(),
});
export const ZStreamerFlagInput = z.object({ ownerId: ZInt4Id, isStreamer: z.boolean() });

export const ZAffiliateCodeListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type TAffiliateCodeListQuery = z.output<typeof ZAffiliateCodeListQuery>;

export const OVERVIEW_SORTS = ["earned", "unclaimed", "referrals", "active", "ggr"] as const;
export const ZOverviewQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(OVERVIEW_SORTS).catch("ggr"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  ...ZDayRangeQuery.shape,
});
export type TOverviewQuery = z.output<typeof ZOverviewQuery>;

export const ZStreamerReportQuery = z.object({
  ...ZDayRangeQuery.shape,
  q: z.string().trim().max(100).optional().catch(undefined),
});
export type TStreamerReportQuery = z.output<typeof ZStreamerReportQuery>;

export const ZStreamerPlayersQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TStreamerPlayersQuery = z.output<typeof ZStreamerPlayersQuery>;
