import "server-only";

import { randomBytes } from "node:crypto";

import { AppError } from "@/lib/domain/errors";
import { hashApiKey } from "@/lib/server/api-keys/hash";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db } from "@/lib/server/db";

const PREFIX = "rk_live_";

/** Creates a platform API key. The key itself is returned once and stored only as a SHA-256 hash. */
export async function createApiKey(name: string, by: TOperator | null): Promise<{ id: string; name: string; key: string; prefix: string }> {
  const secret = randomBytes(24).toString("base64url");
  const key = `${PREFIX}${secret}`;
  const prefix = key.slice(0, PREFIX.length + 6);
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({ data: { name: name.trim(), prefix, hash: hashApiKey(key), createdById: by?.id ?? null } });
    if (by) {
      await writeAudit(tx, { operator: by, action: "api_key.create", entityType: "ApiKey", entityId: row.id, after: { name: row.name, prefix } });
    }
    return { id: row.id, name: row.name, key, prefix };
  });
}

export async function revokeApiKey(id: string, by: TOperator) {
  return db.$transaction(async (tx) => {
    const updated = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "No active key with this id.");
    await writeAudit(tx, { operator: by, action: "api_key.revoke", entityType: "ApiKey", entityId: id, before: { revokedAt: null }, after: { revoked: true } });
  });
}
