import { z } from "zod";

import { OPERATOR_ROLES } from "@/lib/schemas/enums";
import { INT_DIGITS, INT4_MAX } from "@/lib/schemas/bounds";
import { ZInt4Id } from "@/lib/schemas/ids";
import { CURRENCY_IDS, decimalString, positive } from "@/lib/schemas/money";
import { ZDayRangeQuery } from "@/lib/schemas/reports";

// Admin forms: operators, currency rates, and the audit-log filters.

export const ZOperatorInput = z.object({
  email: z.email("An email address").trim().toLowerCase().max(200),
  name: z.string().trim().min(1, "A name").max(100),
  role: z.enum(OPERATOR_ROLES),
});
export type TOperatorInput = z.input<typeof ZOperatorInput>;

export const ZOperatorRoleInput = z.object({ id: ZInt4Id, role: z.enum(OPERATOR_ROLES) });
export const ZOperatorDisabledInput = z.object({ id: ZInt4Id, disabled: z.boolean() });
export const ZOperatorIdInput = z.object({ id: ZInt4Id });

export const ZRateInput = z.object({
  currencyId: z.enum(CURRENCY_IDS),
  usdRate: positive(decimalString(INT_DIGITS.usdRate, "A rate such as 97250.5, below 10,000,000"), "The rate must be more than 0"),
  validFrom: z.union([z.literal(""), z.iso.datetime({ offset: true })]),
});
export type TRateInput = z.input<typeof ZRateInput>;

export const ZAuditQuery = z.object({
  operator: z.coerce.number().int().positive().max(INT4_MAX).optional().catch(undefined),
  entity: z.string().trim().max(60).optional().catch(undefined),
  entityId: z.string().trim().max(100).optional().catch(undefined),
  ...ZDayRangeQuery.shape,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TAuditQuery = z.output<typeof ZAuditQuery>;
