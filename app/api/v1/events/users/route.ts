// POST /api/v1/events/users — upsert users (username, kycLevel, bonusBlocked, bonusBlockedUntil, bonusOptOut, country,
// jurisdiction, tags, affiliate code at registration); a block or pause cancels the player's open bonuses. One event or {"events": [...]} (≤ 1,000).
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZUserEvent } from "@/lib/schemas/api/events";
import { ingestUsers } from "@/lib/server/ingest/users";

export const POST = platformRoute({ events: ZUserEvent }, async ({ events }) =>
  json({ results: await ingestUsers(events) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
