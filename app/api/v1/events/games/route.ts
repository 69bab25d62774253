// POST /api/v1/events/games — upsert games (name, provider, houseEdge). One event or {"events": [...]} (≤ 1,000).
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZGameEvent } from "@/lib/schemas/api/events";
import { ingestGames } from "@/lib/server/ingest/games";

export const POST = platformRoute({ events: ZGameEvent }, async ({ events }) =>
  json({ results: await ingestGames(events) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
