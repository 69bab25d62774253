import "server-only";

import { OPERATOR_ID_START, type TEventResult, type TUserEvent } from "@/lib/schemas/api/events";
import type { TTx } from "@/lib/server/db";
import { applied, applyInOrder, duplicate, rejected, type TParsedEvent } from "@/lib/server/ingest/envelope";
import { cancelOpenBonuses } from "@/lib/server/claims/lifecycle";

/**
 * Upserts users by id, in order, in one transaction. An event older than the stored one is ignored;
 * nothing changed is a duplicate. The referrer is set by the first event naming a known code and never
 * changed after; an unknown code or the user's own code leaves it empty with a warning. Ids in the
 * operator range are refused, and no event can set a role, email or password. Targeting: `country`
 * left out keeps the stored one and null clears it; `tags` left out keeps the stored set, a list
 * (repeats already dropped by the schema) replaces it and [] clears it. Responsible play:
 * `bonusOptOut`, `bonusBlockedUntil` (null ends a pause) and `jurisdiction` (null clears it) left out
 * keep the stored value; an event that starts a block (startsBlock) cancels the player's open
 * bonuses in this transaction (cancelOpenBonuses, lib/server/claims/lifecycle.ts). A replay changes nothing, so cancels nothing.
 */
export async function ingestUsers(parsed: TParsedEvent<TUserEvent>[]): Promise<TEventResult[]> {
  return applyInOrder(1, parsed, async (tx, e, rawId, warnings) => {
    if (e.id >= OPERATOR_ID_START) return rejected(rawId, "OPERATOR_ID_RANGE", `Ids from ${OPERATOR_ID_START} up belong to operators.`, warnings);
    const eventAt = e.updatedAt ?? e.createdAt ?? null;
    const existing = await tx.user.findUnique({ where: { id: e.id } });
    if (existing && existing.role !== "PLAYER") return rejected(rawId, "OPERATOR_ID_RANGE", "This id belongs to an operator.", warnings);
    if (existing?.sourceUpdatedAt && eventAt && eventAt.getTime() < existing.sourceUpdatedAt.getTime()) {
      warnings.push("older than the stored user; ignored");
      return duplicate(rawId, warnings);
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
      ...(e.country !== undefined ? { country: e.country } : {}),
      ...(e.tags !== undefined ? { tags: e.tags } : {}),
      ...(e.bonusOptOut !== undefined ? { bonusOptOut: e.bonusOptOut } : {}),
      ...(e.bonusBlockedUntil !== undefined ? { bonusBlockedUntil: e.bonusBlockedUntil } : {}),
      ...(e.jurisdiction !== undefined ? { jurisdiction: e.jurisdiction } : {}),
      ...(eventAt ? { sourceUpdatedAt: eventAt } : {}),
    };
    const now = new Date();
    if (!existing) {
      const created = await tx.user.create({
        data: {
          id: e.id, ...data, ...pauseStart(null, data.bonusBlockedUntil, eventAt ?? now, now),
          affiliateCodeId: referrer, ...(e.createdAt ? { createdAt: e.createdAt } : {}),
        },
      });
      // The stored sign-up time, the one the rebuild cuts the sign-up day from.
      if (referrer) await recordReferral(tx, referrer, created.createdAt);
      return applied(rawId, warnings);
    }
    const changed =
      existing.username !== data.username ||
      (data.kycLevel !== undefined && existing.kycLevel !== data.kycLevel) ||
      (data.bonusBlocked !== undefined && existing.bonusBlocked !== data.bonusBlocked) ||
      (data.country !== undefined && existing.country !== data.country) ||
      (data.tags !== undefined && !sameTagSet(existing.tags, data.tags)) ||
      (data.bonusOptOut !== undefined && existing.bonusOptOut !== data.bonusOptOut) ||
      (data.bonusBlockedUntil !== undefined && !sameTime(existing.bonusBlockedUntil, data.bonusBlockedUntil)) ||
      (data.jurisdiction !== undefined && existing.jurisdiction !== data.jurisdiction) ||
      referrer !== null;
    if (!changed) return duplicate(rawId, warnings);
    // Tags are a set: the same tags in another order change nothing, so the stored order stays.
    const { tags: newTags, ...rest } = data;
    const tags = newTags !== undefined && !sameTagSet(existing.tags, newTags) ? { tags: newTags } : {};
    const from = pauseStart(existing, data.bonusBlockedUntil, eventAt ?? now, now);
    await tx.user.update({ where: { id: e.id }, data: { ...rest, ...tags, ...from, ...(referrer ? { affiliateCodeId: referrer } : {}) } });
    if (referrer) await recordReferral(tx, referrer, existing.createdAt);
    if (startsBlock(existing, data, now)) await cancelOpenBonuses(tx, e.id, "BONUS_BLOCKED", now);
    return applied(rawId, warnings);
  });
}

/**
 * When the pause in force began: a pause that starts now (none stored, or the stored one over) began
 * at the event's time; one extended while running keeps its start; null (no pause) clears it; one
 * reported only after its end has no known start (NULL: all bets before its end). Boards
 * and challenges leave out only the bets inside [start, until) (leaderboards/standings.ts).
 */
function pauseStart(
  stored: { bonusBlockedUntil: Date | null } | null,
  sent: Date | null | undefined,
  at: Date,
  now: Date,
): { bonusBlockedFrom?: Date | null } {
  if (sent === undefined) return {};
  if (sent === null) return { bonusBlockedFrom: null };
  const running = stored?.bonusBlockedUntil && stored.bonusBlockedUntil.getTime() > now.getTime();
  if (running) return {};
  // Reported once it was already over: when it began is unknown, so every bet before its end is out.
  return { bonusBlockedFrom: sent.getTime() > at.getTime() ? at : null };
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Whether this event starts a block (responsible play): bonusBlocked false → true, or a pause
 * starting — bonusBlockedUntil set to a time after `now` when none was stored or the stored one has
 * passed. Opting out (bonusOptOut) and moving a running pause start nothing. A new user has no
 * bonuses yet, so only an update is asked.
 */
function startsBlock(
  stored: { bonusBlocked: boolean; bonusBlockedUntil: Date | null },
  sent: { bonusBlocked?: boolean; bonusBlockedUntil?: Date | null },
  now: Date,
): boolean {
  const blocks = sent.bonusBlocked === true && !stored.bonusBlocked;
  const pauses =
    sent.bonusBlockedUntil != null &&
    sent.bonusBlockedUntil.getTime() > now.getTime() &&
    !(stored.bonusBlockedUntil && stored.bonusBlockedUntil.getTime() > now.getTime());
  return blocks || pauses;
}


/**
 * Whether two tag lists hold the same tags, compared as sets. The choice: order is not content — the
 * same tags in another order is a `duplicate` (and when something else changed, the stored order is
 * kept); tags are case-sensitive ("vip" ≠ "VIP"). The event's list has its repeats dropped by ZTagSet.
 */
function sameTagSet(stored: string[], sent: string[]): boolean {
  const have = new Set(stored);
  const want = new Set(sent);
  return have.size === want.size && [...want].every((t) => have.has(t));
}

/** A new referral counts for the code's owner: totals and the sign-up day's rollup. */
async function recordReferral(tx: TTx, codeId: string, at: Date) {
  await tx.$executeRaw`
    WITH owner AS (SELECT "ownerId" AS id FROM "AffiliateCode" WHERE id = ${codeId}),
    totals AS (
      INSERT INTO "AffiliateOwnerStats" ("userId", "referralsCount") SELECT id, 1 FROM owner
      ON CONFLICT ("userId") DO UPDATE SET "referralsCount" = "AffiliateOwnerStats"."referralsCount" + 1, "updatedAt" = now()
    )
    INSERT INTO "AffiliateDailyStats" ("userId", day, signups)
    SELECT id, business_day(${at}::timestamptz), 1
    FROM owner
    ON CONFLICT ("userId", day) DO UPDATE SET signups = "AffiliateDailyStats".signups + 1, "updatedAt" = now()`;
}
