import "server-only";

import type { z } from "zod";

import { AppError } from "@/lib/domain/errors";
import type { TJurisdictionRules } from "@/lib/domain/promos/compliance";
import { Prisma } from "@/lib/generated/prisma/client";
import { jurisdictionRow, type ZJurisdictionInput } from "@/lib/schemas/jurisdictions";
import { writeAudit } from "@/lib/server/audit";
import type { TOperator } from "@/lib/server/auth/guards";
import { db, isUniqueViolation, type TTx } from "@/lib/server/db";
import { jurisdictionRulesSql, plainRules } from "@/lib/server/jurisdictions/queries";

// Settings → Jurisdictions (ADMIN; the actions check the permission). Each write is one transaction
// with its audit row (before and after). Nothing is cached: the claim rules read the table on every
// claim, so an edit applies from the next claim on; claims already made keep the terms they got.

type TParsed = z.output<typeof ZJurisdictionInput>;

const ENTITY = "Jurisdiction";

/** The row's rules as the audit log and the page show them; locked for this transaction with `forUpdate`. */
async function readRules(tx: TTx, code: string, forUpdate = false): Promise<TJurisdictionRules | null> {
  const [row] = await tx.$queryRaw<TJurisdictionRules[]>`
    SELECT ${jurisdictionRulesSql("j")} FROM "Jurisdiction" j WHERE j.code = ${code} ${forUpdate ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  return row ? plainRules(row) : null;
}

const notFound = (code: string) => new AppError("NOT_FOUND", `${code} has no rules any more (deleted meanwhile?); reload the page.`);

export async function createJurisdiction(operator: TOperator, input: TParsed): Promise<{ id: string }> {
  const row = jurisdictionRow(input);
  return db
    .$transaction(async (tx) => {
      await tx.jurisdiction.create({ data: row });
      await writeAudit(tx, { operator, action: "jurisdiction.create", entityType: ENTITY, entityId: row.code, after: await readRules(tx, row.code) });
      return { id: row.code };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError("CODE_TAKEN", `${row.code} already has rules: edit its row instead`, { field: "code" });
      throw error;
    });
}

/** Replaces the rules of `input.code` (the code itself never changes: delete and create to rename). */
export async function updateJurisdiction(operator: TOperator, input: TParsed): Promise<{ id: string }> {
  const { code, ...rules } = jurisdictionRow(input);
  return db.$transaction(async (tx) => {
    const before = await readRules(tx, code, true);
    if (!before) throw notFound(code);
    await tx.jurisdiction.update({ where: { code }, data: rules });
    await writeAudit(tx, { operator, action: "jurisdiction.update", entityType: ENTITY, entityId: code, before, after: await readRules(tx, code) });
    return { id: code };
  });
}

/** Removes the row: from the next claim on, a region's players follow their country's row, a country's none. */
export async function deleteJurisdiction(operator: TOperator, code: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const before = await readRules(tx, code, true);
    if (!before) throw notFound(code);
    await tx.jurisdiction.delete({ where: { code } });
    await writeAudit(tx, { operator, action: "jurisdiction.delete", entityType: ENTITY, entityId: code, before });
    return { id: code };
  });
}
