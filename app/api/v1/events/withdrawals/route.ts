// POST /api/v1/events/withdrawals — record withdrawals; under a promo's FORFEIT policy, cancels the ACTIVE bonus a withdrawal falls inside. One event or {"events": [...]} (≤ 1,000).
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZWithdrawalEvent } from "@/lib/schemas/api/events";
import { ingestWithdrawals } from "@/lib/server/ingest/withdrawals";

export const POST = platformRoute({ events: ZWithdrawalEvent }, async ({ events }) =>
  json({ results: await ingestWithdrawals(events) }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
