import "server-only";

import { OPERATOR_ID_START, type TEventResult, type TUserEvent } from "@/lib/schemas/api/events";
import { db } from "@/lib/server/db";
import { lockEventIds, rejected, type TParsedEvent } from "@/lib/server/ingest/envelope";

/**
 * Upserts users by id, in order, in one transaction. An event older than the stored one is ignored;
 * nothing changed is a duplicate. The referrer is set by the first event naming a known code and never
 * changed after; an unknown code or the user's own code leaves it empty with a warning. Ids in the
 * operator range are refused, and no event can set a role, email or password.
 */
export async function ingestUsers(parsed: TParsedEvent<TUserEvent>[]): Promise<TEventResult[]> {
  const results: TEventResult[] = [];
  await db.$transaction(
    async (tx) => {
      await lockEventIds(tx, 1, parsed);
      for (const p of parsed) {
        if (!p.ok) {
          results.push(p.result);
          continue;
        }
        const e = p.event;
        const warnings = [...p.warnings];
        if (e.id >= OPERATOR_ID_START) {
          results.push(rejected(p.rawId, "OPERATOR_ID_RANGE", `Ids from ${OPERATOR_ID_START} up belong to operators.`, warnings));
          continue;
        }
        const eventAt = e.updatedAt ?? e.createdAt ?? null;
        const existing = await tx.user.findUnique({ where: { id: e.id } });
        if (existing && existing.role !== "PLAYER") {
          results.push(rejected(p.rawId, "OPERATOR_ID_RANGE", "This id belongs to an operator.", warnings));
          continue;
        }
        if (existing?.sourceUpdatedAt && eventAt && eventAt.getTime() < existing.sourceUpdatedAt.getTime()) {
          warnings.push("older than the stored user; ignored");
          results.push({ id: p.rawId, status: "duplicate", error: null, warnings });
          continue;
        }

        let referrer: string | null = null;
        if (e.affiliateCode && !existing?.affiliateCodeId) {
          const code = await tx.affiliateCode.findUnique({ where: { id: e.affiliateCode.trim().toUpperCase() } });
          if (!code) warnings.push(`unknown affiliate code "${e.affiliateCode}"; no referrer set`);
          else if (code.ownerId === e.id) warnings.push("a user can't be referred by their own code; no referrer set");
          else referrer = code.id;
        } else if (e.affiliateCode && existing?.affiliateCodeId && existing.affiliateCodeId !== e.affiliateCode.toUpperCase()) {
          warnings.push("the referrer is set once; the new affiliate code was ignored");
        }

        const data = {
          username: e.username,
          ...(e.kycLevel !== undefined ? { kycLevel: e.kycLevel } : {}),
          ...(e.bonusBlocked !== undefined ? { bonusBlocked: e.bonusBlocked } : {}),
          ...(eventAt ? { sourceUpdatedAt: eventAt } : {}),
        };
        if (!existing) {
          await tx.user.create({
            data: { id: e.id, ...data, affiliateCodeId: referrer, ...(e.createdAt ? { createdAt: e.createdAt } : {}) },
          });
          if (referrer) await recordReferral(tx, referrer, e.createdAt ?? new Date());
          results.push({ id: p.rawId, status: "applied", error: null, warnings });
          continue;
        }
        const changed =
          existing.username !== data.username ||
          (data.kycLevel !== undefined && existing.kycLevel !== data.kycLevel) ||
          (data.bonusBlocked !== undefined && existing.bonusBlocked !== data.bonusBlocked) ||
          referrer !== null;
        if (!changed) {
          results.push({ id: p.rawId, status: "duplicate", error: null, warnings });
          continue;
        }
        await tx.user.update({ where: { id: e.id }, data: { ...data, ...(referrer ? { affiliateCodeId: referrer } : {}) } });
        if (referrer) await recordReferral(tx, referrer, existing.createdAt);
        results.push({ id: p.rawId, status: "applied", error: null, warnings });
      }
    },
    { timeout: 60_000 },
  );
  return results;
}

/** A new referral counts for the code's owner: totals and the sign-up day's rollup. */
async function recordReferral(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], codeId: string, at: Date) {
  await tx.$executeRaw`
    WITH owner AS (SELECT "ownerId" AS id FROM "AffiliateCode" WHERE id = ${codeId}),
    totals AS (
      INSERT INTO "AffiliateOwnerStats" ("userId", "referralsCount") SELECT id, 1 FROM owner
      ON CONFLICT ("userId") DO UPDATE SET "referralsCount" = "AffiliateOwnerStats"."referralsCount" + 1, "updatedAt" = now()
    )
    INSERT INTO "AffiliateDailyStats" ("userId", day, signups)
    SELECT id, (${at}::timestamptz AT TIME ZONE COALESCE(NULLIF(current_setting('rollover.business_time_zone', true), ''), 'UTC'))::date, 1
    FROM owner
    ON CONFLICT ("userId", day) DO UPDATE SET signups = "AffiliateDailyStats".signups + 1, "updatedAt" = now()`;
}
