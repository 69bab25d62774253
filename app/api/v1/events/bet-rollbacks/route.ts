// POST /api/v1/events/bet-rollbacks — void bets: the bet stays, every figure it fed is moved back. One event or {"events": [...]} (≤ 1,000).
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZBetRollbackEvent } from "@/lib/schemas/api/events";
import { ingestBetRollbackRequest } from "@/lib/server/ingest/single-events";

export const POST = platformRoute({ events: ZBetRollbackEvent }, async ({ events }) =>
  json({ results: await ingestBetRollbackRequest(events) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
