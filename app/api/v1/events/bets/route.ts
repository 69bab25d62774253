// POST /api/v1/events/bets — record bets: stats, rollover, leaderboards, challenges, commissions. One event or {"events": [...]} (≤ 1,000).
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZBetEvent } from "@/lib/schemas/api/events";
import { ingestBetRequest } from "@/lib/server/ingest/single-events";

export const POST = platformRoute({ events: ZBetEvent }, async ({ events }) =>
  json({ results: await ingestBetRequest(events) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
