// POST /api/v1/me/promo-codes/{id}/cancel — a player forfeits their CLAIMED or ACTIVE bonus.
import { apiError } from "@/lib/api/errors";
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { isUuid } from "@/lib/schemas/ids";
import { ZCancelRequest } from "@/lib/schemas/api/player";
import { cancelClaim } from "@/lib/server/claims/lifecycle";

export const POST = playerRoute({ body: ZCancelRequest }, async ({ player, params, body }) => {
  if (!isUuid(params.id)) throw apiError("NOT_FOUND", "No such claim.");
  const result = await cancelClaim({ claimId: params.id, playerId: player.id, reason: body?.reason || "Cancelled by player" });
  return json({ claim: result });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
