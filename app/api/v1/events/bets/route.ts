// POST /api/v1/events/bets — record bets: stats, rollover, leaderboards, challenges, commissions. One event or {"events": [...]} (≤ 1,000).
import { z } from "zod";

import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZBetEvent } from "@/lib/schemas/api/events";
import { parseEvents } from "@/lib/server/ingest/envelope";
import { ingestBets } from "@/lib/server/ingest/bets";

export const POST = platformRoute({ body: z.unknown() }, async ({ body }) =>
  json({ results: await ingestBets(parseEvents(body, ZBetEvent)) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
