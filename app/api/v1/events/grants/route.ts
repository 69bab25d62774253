// POST /api/v1/events/grants — the CRM gives a promo to a player (the claim path). One event or {"events": [...]} (≤ 1,000).
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZGrantEvent } from "@/lib/schemas/api/events";
import { ingestGrants } from "@/lib/server/ingest/grants";

export const POST = platformRoute({ events: ZGrantEvent }, async ({ events, apiKey }) =>
  json({ results: await ingestGrants(events, apiKey.id) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
