import "server-only";

import type { TOperator } from "@/lib/server/auth/guards";
import type { TTx } from "@/lib/server/db";

type TJson = string | number | boolean | null | TJson[] | { [key: string]: TJson };

/** Makes a row JSON-safe for the audit log: Decimals and Dates become strings, bigints too. */
export function toAuditJson(value: unknown): TJson {
  return JSON.parse(
    JSON.stringify(value ?? null, (_key, v) => (typeof v === "bigint" ? v.toString() : v)),
  ) as TJson;
}

/** One audit row per back-office write, inside the write's own transaction. */
export async function writeAudit(
  tx: TTx,
  entry: {
    operator: Pick<TOperator, "id">;
    action: string;
    entityType: string;
    entityId: string | number;
    before?: unknown;
    after?: unknown;
    requestId?: string;
  },
) {
  await tx.auditLog.create({
    data: {
      operatorId: entry.operator.id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      before: entry.before === undefined ? undefined : (toAuditJson(entry.before) ?? undefined),
      after: entry.after === undefined ? undefined : (toAuditJson(entry.after) ?? undefined),
      requestId: entry.requestId,
    },
  });
}

/**
 * The audit row of an on/off switch: `actions[0]` when it is turned on, `actions[1]` when off, with
 * the flag before and after (`{ [flag]: before }` → `{ [flag]: after }`).
 */
export async function writeSwitchAudit(
  tx: TTx,
  entry: {
    operator: Pick<TOperator, "id">;
    actions: [on: string, off: string];
    entityType: string;
    entityId: string | number;
    flag: string;
    before: boolean;
    after: boolean;
  },
) {
  const { actions, flag, before, after, ...rest } = entry;
  await writeAudit(tx, { ...rest, action: after ? actions[0] : actions[1], before: { [flag]: before }, after: { [flag]: after } });
}
