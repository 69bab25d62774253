import "server-only";

import Decimal from "decimal.js";

import type { CurrencyId } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";

/**
 * Current USD rate per currency (the one usd_rate() uses now), with when it took effect and the next
 * scheduled one if any.
 */
export async function currentRates(now = new Date()) {
  const rows = await db.$queryRaw<
    {
      id: string;
      name: string;
      decimals: number;
      rate: string | null;
      validFrom: Date | null;
      next: string | null;
      nextFrom: Date | null;
    }[]
  >`
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

/** Currency → USD rate in force now, for forms that show an amount's USD value as it is typed. */
export async function usdRateMap(now = new Date()): Promise<Record<string, string>> {
  return Object.fromEntries(
    (await currentRates(now)).filter((r) => r.rate !== null).map((r) => [r.currencyId, r.rate as string]),
  );
}
