import "server-only";

import Decimal from "decimal.js";

import { AppError } from "@/lib/domain/errors";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db, isUniqueViolation } from "@/lib/server/db";

/**
 * Adds a rate from `validFrom` (now when empty). Rates are history: a past validFrom would change
 * what earlier credits should have used, so only now or later is accepted, and rows are never edited.
 */
export async function addRate(operator: TOperator, input: { currencyId: CurrencyId; usdRate: string; validFrom: string }, now = new Date()) {
  const validFrom = input.validFrom ? new Date(input.validFrom) : now;
  if (validFrom.getTime() < now.getTime() - 60_000) {
    throw new AppError("IN_THE_PAST", "A rate can start now or later, not in the past", { field: "validFrom" });
  }
  return db
    .$transaction(async (tx) => {
      const [prev] = await tx.$queryRaw<{ rate: string | null }[]>`SELECT usd_rate(${input.currencyId}::"CurrencyId", ${validFrom}::timestamptz)::text AS rate`;
      const row = await tx.currencyRate.create({
        data: { currencyId: input.currencyId, usdRate: input.usdRate, validFrom, createdById: operator.id },
      });
      await writeAudit(tx, {
        operator,
        action: "currency_rate.add",
        entityType: "CurrencyRate",
        entityId: input.currencyId,
        before: { usdRate: prev?.rate ? new Decimal(prev.rate).toFixed() : null },
        after: { usdRate: input.usdRate, validFrom: validFrom.toISOString() },
      });
      return { id: row.id };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError("DUPLICATE", "A rate already starts at that moment", { field: "validFrom" });
      throw error;
    });
}
