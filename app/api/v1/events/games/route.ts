// POST /api/v1/events/games — upsert games (name, provider, houseEdge). One event or {"events": [...]} (≤ 1,000).
import { z } from "zod";

import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZGameEvent } from "@/lib/schemas/api/events";
import { parseEvents } from "@/lib/server/ingest/envelope";
import { ingestGames } from "@/lib/server/ingest/games";

export const POST = platformRoute({ body: z.unknown() }, async ({ body }) =>
  json({ results: await ingestGames(parseEvents(body, ZGameEvent)) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
