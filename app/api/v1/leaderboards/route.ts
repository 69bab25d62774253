// GET /api/v1/leaderboards — running, upcoming and recently ended boards.
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { listBoardsForPlayer } from "@/lib/server/leaderboards/player";

export const GET = playerRoute({}, async () => json(await listBoardsForPlayer()));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
