import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TEventResult, TGameEvent } from "@/lib/schemas/api/events";
import { db } from "@/lib/server/db";
import { lockEventIds, type TParsedEvent } from "@/lib/server/ingest/envelope";

/** Upserts games by id; nothing changed is a duplicate; an event older than the stored one is ignored. */
export async function ingestGames(parsed: TParsedEvent<TGameEvent>[]): Promise<TEventResult[]> {
  const results: TEventResult[] = [];
  await db.$transaction(async (tx) => {
    await lockEventIds(tx, 2, parsed);
    for (const p of parsed) {
      if (!p.ok) {
        results.push(p.result);
        continue;
      }
      const e = p.event;
      const warnings = [...p.warnings];
      const existing = await tx.game.findUnique({ where: { id: e.id } });
      if (existing?.sourceUpdatedAt && e.updatedAt && e.updatedAt.getTime() < existing.sourceUpdatedAt.getTime()) {
        warnings.push("older than the stored game; ignored");
        results.push({ id: p.rawId, status: "duplicate", error: null, warnings });
        continue;
      }
      const data = { name: e.name, provider: e.provider, houseEdge: e.houseEdge, ...(e.updatedAt ? { sourceUpdatedAt: e.updatedAt } : {}) };
      if (
        existing &&
        existing.name === e.name &&
        existing.provider === e.provider &&
        new Prisma.Decimal(existing.houseEdge).eq(e.houseEdge)
      ) {
        results.push({ id: p.rawId, status: "duplicate", error: null, warnings });
        continue;
      }
      await tx.game.upsert({ where: { id: e.id }, create: { id: e.id, ...data }, update: data });
      results.push({ id: p.rawId, status: "applied", error: null, warnings });
    }
  });
  return results;
}
