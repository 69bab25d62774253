// GET /api/v1/leaderboards/{id}?top=N — the top N (N ≤ 100) and my position.
import { z } from "zod";

import { apiError } from "@/lib/api/errors";
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { isUuid } from "@/lib/schemas/ids";
import { getBoardForPlayer } from "@/lib/server/leaderboards/player";

const ZQuery = z.object({ top: z.coerce.number().int().min(1).max(100).default(10) });

export const GET = playerRoute({ query: ZQuery }, async ({ player, params, query }) => {
  const board = isUuid(params.id) ? await getBoardForPlayer(params.id, player.id, query.top) : null;
  if (!board) throw apiError("NOT_FOUND", "No such leaderboard.");
  return json(board);
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
