// POST /api/v1/events/deposits — record deposits; activates CLAIMED deposit bonuses. One event or {"events": [...]} (≤ 1,000).
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZDepositEvent } from "@/lib/schemas/api/events";
import { ingestDepositRequest } from "@/lib/server/ingest/single-events";

export const POST = platformRoute({ events: ZDepositEvent }, async ({ events }) =>
  json({ results: await ingestDepositRequest(events) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
