// POST /api/v1/events/users — upsert users (username, kycLevel, bonusBlocked, affiliate code at registration). One event or {"events": [...]} (≤ 1,000).
import { z } from "zod";

import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZUserEvent } from "@/lib/schemas/api/events";
import { parseEvents } from "@/lib/server/ingest/envelope";
import { ingestUsers } from "@/lib/server/ingest/users";

export const POST = platformRoute({ body: z.unknown() }, async ({ body }) =>
  json({ results: await ingestUsers(parseEvents(body, ZUserEvent)) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
