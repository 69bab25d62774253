// POST /api/v1/events/deposits — record deposits; activates CLAIMED deposit bonuses. One event or {"events": [...]} (≤ 1,000).
import { z } from "zod";

import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZDepositEvent } from "@/lib/schemas/api/events";
import { parseEvents } from "@/lib/server/ingest/envelope";
import { ingestDeposits } from "@/lib/server/ingest/deposits";

export const POST = platformRoute({ body: z.unknown() }, async ({ body }) =>
  json({ results: await ingestDeposits(parseEvents(body, ZDepositEvent)) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
