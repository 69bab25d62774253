// GET /api/v1/me/affiliate — my affiliate code(s), referrals, and claimable commission per currency.
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { getMyAffiliate } from "@/lib/server/affiliates/player";

export const GET = playerRoute({}, async ({ player }) => json(await getMyAffiliate(player.id)));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
