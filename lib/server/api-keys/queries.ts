import "server-only";

import { db } from "@/lib/server/db";

export async function listApiKeys() {
  const rows = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    include: { createdBy: { select: { username: true } } },
  });
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdBy: k.createdBy?.username ?? "command line",
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}
export type TApiKeyDto = Awaited<ReturnType<typeof listApiKeys>>[number];
