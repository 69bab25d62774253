// POST /api/v1/me/affiliate/claim — claim my commissions, every currency at once (409 NOTHING_TO_CLAIM).
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { claimMyCommissions } from "@/lib/server/affiliates/player";

export const POST = playerRoute({}, async ({ player }) => json(await claimMyCommissions(player.id)));

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
