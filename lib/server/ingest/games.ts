import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TEventResult, TGameEvent } from "@/lib/schemas/api/events";
import { applied, applyInOrder, duplicate, type TParsedEvent } from "@/lib/server/ingest/envelope";

/** Upserts games by id; nothing changed is a duplicate; an event older than the stored one is ignored. */
export async function ingestGames(parsed: TParsedEvent<TGameEvent>[]): Promise<TEventResult[]> {
  return applyInOrder(2, parsed, async (tx, e, rawId, warnings) => {
    const existing = await tx.game.findUnique({ where: { id: e.id } });
    if (existing?.sourceUpdatedAt && e.updatedAt && e.updatedAt.getTime() < existing.sourceUpdatedAt.getTime()) {
      warnings.push("older than the stored game; ignored");
      return duplicate(rawId, warnings);
    }
    const data = { name: e.name, provider: e.provider, houseEdge: e.houseEdge, ...(e.updatedAt ? { sourceUpdatedAt: e.updatedAt } : {}) };
    if (existing && existing.name === e.name && existing.provider === e.provider && new Prisma.Decimal(existing.houseEdge).eq(e.houseEdge)) {
      return duplicate(rawId, warnings);
    }
    await tx.game.upsert({ where: { id: e.id }, create: { id: e.id, ...data }, update: data });
    return applied(rawId, warnings);
  });
}
