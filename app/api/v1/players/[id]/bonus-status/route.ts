// GET /api/v1/players/{id}/bonus-status — the cashier's check before a withdrawal: the player's open bonuses and what a withdrawal now would forfeit.
import { apiError } from "@/lib/api/errors";
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { int4FromText } from "@/lib/schemas/ids";
import { getBonusStatus } from "@/lib/server/claims/queries";

export const GET = platformRoute({}, async ({ params }) => {
  const playerId = int4FromText(params.id);
  if (!playerId) throw apiError("NOT_FOUND", "No such player: the id is not a platform user id.");
  const status = await getBonusStatus(playerId);
  if (!status) throw apiError("PLAYER_NOT_FOUND", "Rollover doesn't know this player.");
  return json(status);
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
