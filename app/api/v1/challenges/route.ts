// GET /api/v1/challenges — open, non-hidden challenges.
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { listOpenChallenges } from "@/lib/server/challenges/player";

export const GET = playerRoute({}, async () => json(await listOpenChallenges()));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
