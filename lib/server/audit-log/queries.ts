import "server-only";

import { auditDiff } from "@/lib/domain/audit/diff";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TAuditQuery } from "@/lib/schemas/admin";
import { db } from "@/lib/server/db";

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, filtered by operator, entity and UTC days; each row with its diff. */
export async function listAudit(q: TAuditQuery) {
  const where: Prisma.Sql[] = [Prisma.sql`true`];
  if (q.operator) where.push(Prisma.sql`a."operatorId" = ${q.operator}`);
  if (q.entity) where.push(Prisma.sql`a."entityType" = ${q.entity}`);
  if (q.entityId) where.push(Prisma.sql`a."entityId" = ${q.entityId}`);
  if (q.from) where.push(Prisma.sql`a."createdAt" >= ${q.from}::date`);
  if (q.to) where.push(Prisma.sql`a."createdAt" < ${q.to}::date + 1`);
  const cond = Prisma.join(where, " AND ");
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<
      { id: bigint; operatorId: number | null; operator: string | null; action: string; entityType: string; entityId: string; before: unknown; after: unknown; createdAt: Date }[]
    >`
      SELECT a.id, a."operatorId", u.username AS operator, a.action, a."entityType", a."entityId", a.before, a.after, a."createdAt"
      FROM "AuditLog" a LEFT JOIN "User" u ON u.id = a."operatorId"
      WHERE ${cond} ORDER BY a.id DESC LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(q.page - 1) * AUDIT_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "AuditLog" a WHERE ${cond}`,
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id.toString(),
      operatorId: r.operatorId,
      operator: r.operator,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      createdAt: r.createdAt.toISOString(),
      changes: auditDiff(r.before, r.after),
    })),
    total,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

/** The filter choices: operators who have written anything, and the entity types in the log. */
export async function auditFilterOptions() {
  const [operators, entities] = await Promise.all([
    db.user.findMany({ where: { role: { not: "PLAYER" } }, select: { id: true, username: true, email: true }, orderBy: { username: "asc" } }),
    db.$queryRaw<{ entityType: string }[]>`SELECT DISTINCT "entityType" FROM "AuditLog" ORDER BY 1`,
  ]);
  return { operators, entities: entities.map((e) => e.entityType) };
}
