import "server-only";

import Decimal from "decimal.js";

import { DomainError } from "@/lib/domain/errors";
import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db, isUniqueViolation } from "@/lib/server/db";

/**
 * Current USD rate per currency (the one usd_rate() uses now), with when it took effect and the next
 * scheduled one if any.
 */
export async function currentRates(now = new Date()) {
  const rows = await db.$queryRaw<{ id: string; name: string; decimals: number; rate: string | null; validFrom: Date | null; next: string | null; nextFrom: Date | null }[]>`
    SELECT c.id::text, c.name, c.decimals,
           cur."usdRate"::text AS rate, cur."validFrom",
           nxt."usdRate"::text AS next, nxt."validFrom" AS "nextFrom"
    FROM "Currency" c
    LEFT JOIN LATERAL (SELECT "usdRate", "validFrom" FROM "CurrencyRate" r WHERE r."currencyId" = c.id AND r."validFrom" <= ${now}
                       ORDER BY "validFrom" DESC LIMIT 1) cur ON true
    LEFT JOIN LATERAL (SELECT "usdRate", "validFrom" FROM "CurrencyRate" r WHERE r."currencyId" = c.id AND r."validFrom" > ${now}
                       ORDER BY "validFrom" ASC LIMIT 1) nxt ON true
    ORDER BY c.id`;
  return rows.map((r) => ({
    currencyId: r.id as CurrencyId,
    name: r.name,
    rate: r.rate ? new Decimal(r.rate).toFixed() : null,
    validFrom: r.validFrom?.toISOString() ?? null,
    next: r.next ? { rate: new Decimal(r.next).toFixed(), validFrom: r.nextFrom!.toISOString() } : null,
  }));
}

/** A currency's rate history, newest first, with who set each rate. */
export async function rateHistory(currencyId: CurrencyId, take = 50) {
  const rows = await db.currencyRate.findMany({
    where: { currencyId },
    orderBy: { validFrom: "desc" },
    take,
    include: { createdBy: { select: { username: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    usdRate: r.usdRate.toFixed(),
    validFrom: r.validFrom.toISOString(),
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy?.username ?? "seed",
  }));
}

/**
 * Adds a rate from `validFrom` (now when empty). Rates are history: a past validFrom would change
 * what earlier credits should have used, so only now or later is accepted, and rows are never edited.
 */
export async function addRate(operator: TOperator, input: { currencyId: CurrencyId; usdRate: string; validFrom: string }, now = new Date()) {
  const validFrom = input.validFrom ? new Date(input.validFrom) : now;
  if (validFrom.getTime() < now.getTime() - 60_000) {
    throw new DomainError("IN_THE_PAST", "A rate can start now or later, not in the past", { field: "validFrom" });
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
      if (isUniqueViolation(error)) throw new DomainError("DUPLICATE", "A rate already starts at that moment", { field: "validFrom" });
      throw error;
    });
}
