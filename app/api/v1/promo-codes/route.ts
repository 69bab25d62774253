// GET /api/v1/promo-codes — the listed promos this player may claim (and those failing only KYC or wager).
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { listClaimablePromos } from "@/lib/server/claims/queries";

export const GET = playerRoute({}, async ({ player }) => json(await listClaimablePromos(player.id)));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
