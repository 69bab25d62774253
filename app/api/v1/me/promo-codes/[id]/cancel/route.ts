// POST /api/v1/me/promo-codes/{id}/cancel — a player forfeits their CLAIMED or ACTIVE bonus.
import { z } from "zod";

import { ApiError } from "@/lib/api/errors";
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { cancelClaim } from "@/lib/server/claims/lifecycle";

const ZCancelBody = z.strictObject({ reason: z.string().trim().max(500).optional() }).optional();

export const POST = playerRoute({}, async ({ player, params, req }) => {
  if (!z.uuid().safeParse(params.id).success) throw ApiError.of("NOT_FOUND", "No such claim.");
  const text = await req.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw ApiError.of("INVALID_BODY", "The body is not valid JSON.");
  }
  const parsed = ZCancelBody.safeParse(body);
  if (!parsed.success) throw ApiError.of("INVALID_BODY", "Only an optional reason may be sent.");
  const result = await cancelClaim({ claimId: params.id, playerId: player.id, reason: parsed.data?.reason || "Cancelled by player" });
  return json({ claim: result });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
