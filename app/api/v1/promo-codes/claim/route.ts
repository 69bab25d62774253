// POST /api/v1/promo-codes/claim — a player claims a promo by code.
import { created, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { ZClaimRequest } from "@/lib/schemas/api/player";
import { claimPromoCode } from "@/lib/server/claims/claim";

export const POST = playerRoute({ body: ZClaimRequest, rateLimit: "claim" }, async ({ player, body, claimLimit }) =>
  created(await claimPromoCode(player.id, body.code, new Date(), { limit: claimLimit })),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
