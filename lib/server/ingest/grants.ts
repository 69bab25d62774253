import "server-only";

import { isAppError } from "@/lib/domain/errors";
import type { TEventResult, TGrantEvent } from "@/lib/schemas/api/events";
import { claimCodeKey, grantPromo, type TStoredGrant } from "@/lib/server/claims/claim";
import { isOutOfRange } from "@/lib/server/db-errors";
import { OUT_OF_RANGE_MESSAGE } from "@/lib/server/ingest/batch";
import { answersInOrder, applied, duplicate, firstById, rejected, type TParsedEvent } from "@/lib/server/ingest/envelope";

type TParsedGrant = Extract<TParsedEvent<TGrantEvent>, { ok: true }>;

/**
 * Applies grants (SPEC §2 "Grants"), idempotent by id: each runs the claim path on its own
 * (grantPromo, one transaction each), one after another in the order sent, so a batch's grants to
 * one player count against GRANTS_PER_PLAYER_PER_DAY in that order. A database that is unavailable
 * fails the request (503, nothing lost: the grants applied so far answer `duplicate` when it is sent
 * again). `apiKeyId` is the key that sent them, kept on each Grant row.
 */
export async function ingestGrants(parsed: TParsedEvent<TGrantEvent>[], apiKeyId: string | null, now?: Date): Promise<TEventResult[]> {
  const first = firstById(parsed);
  const answers = new Map<string, TEventResult>();
  for (const p of first.values()) answers.set(p.event.id, await ingestGrant(p, apiKeyId, now ?? new Date()));
  // A repeat within the batch answers like its first; a duplicate names the claim too.
  return answersInOrder(parsed, first, answers, sameGrant, "grant").map((r, i) => {
    const p = parsed[i];
    const claimId = p.ok ? answers.get(p.event.id)?.claimId : undefined;
    return r.status === "duplicate" && claimId ? { ...r, claimId } : r;
  });
}

async function ingestGrant(p: TParsedGrant, apiKeyId: string | null, now: Date): Promise<TEventResult> {
  const e = p.event;
  try {
    const out = await grantPromo(e.userId, e.promoCodeId ? { id: e.promoCodeId } : { code: e.code! }, { id: e.id, apiKeyId }, now);
    if (out.kind === "granted") return { ...applied(p.rawId, p.warnings), claimId: out.claim.claim.id };
    if (out.kind === "stored") {
      return sameAsStored(e, out.grant)
        ? { ...duplicate(p.rawId, p.warnings), claimId: out.grant.claimId }
        : rejected(p.rawId, "ID_CONFLICT", "A grant with this id and different content is already stored.", p.warnings);
    }
    return rejected(p.rawId, "GRANT_LIMIT", `User ${e.userId} has had ${out.max} grants in the last 24 hours, the most allowed.`, p.warnings);
  } catch (error) {
    if (isAppError(error)) {
      if (error.code === "PLAYER_NOT_FOUND") {
        return rejected(p.rawId, "UNKNOWN_USER", `User ${e.userId} is unknown; send the users event first.`, p.warnings);
      }
      if (error.code === "PROMO_NOT_FOUND") {
        const named = e.promoCodeId ? `with id ${e.promoCodeId}` : `with code ${claimCodeKey(e.code!)}`;
        return rejected(p.rawId, "PROMO_NOT_FOUND", `No active promo ${named}.`, p.warnings);
      }
      return rejected(p.rawId, error.code, claimMessage(error.message, error.details), p.warnings);
    }
    if (isOutOfRange(error)) return rejected(p.rawId, "OUT_OF_RANGE", OUT_OF_RANGE_MESSAGE, p.warnings);
    throw error;
  }
}

/** A claim error's message with its details (NOT_ELIGIBLE's reason and rule): a result's error has no details field. */
function claimMessage(message: string, details: unknown): string {
  const d = details as { reason?: string; rule?: string } | undefined;
  if (!d?.reason) return message;
  return `${message} (reason: ${d.reason}${d.rule ? `, rule: ${d.rule}` : ""})`;
}

/** The promo as the grant named it: its id, or its code as claims match it. */
const namedPromo = (e: TGrantEvent) => (e.promoCodeId ? { promoCodeId: e.promoCodeId, code: null } : { promoCodeId: null, code: claimCodeKey(e.code!) });

/** Same grant? The player and the promo as named (naming it the other way is other content). */
function sameGrant(a: TGrantEvent, b: TGrantEvent): boolean {
  const [x, y] = [namedPromo(a), namedPromo(b)];
  return a.userId === b.userId && x.promoCodeId === y.promoCodeId && x.code === y.code;
}

function sameAsStored(e: TGrantEvent, stored: TStoredGrant): boolean {
  const named = namedPromo(e);
  return (
    stored.userId === e.userId &&
    (named.code === null ? stored.code === null && stored.promoCodeId === named.promoCodeId : stored.code === named.code)
  );
}
