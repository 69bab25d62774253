// POST /api/v1/events/bets — record bets: stats, rollover, leaderboards, challenges, commissions. One event or {"events": [...]} (≤ 1,000).
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZBetEvent } from "@/lib/schemas/api/events";
import { ingestBets } from "@/lib/server/ingest/bets";

export const POST = platformRoute({ events: ZBetEvent }, async ({ events }) =>
  json({ results: await ingestBets(events) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
