// GET /api/v1/me/promo-codes — my claims with progress, effective status and expiry.
import { json, methodNotAllowed, playerRoute } from "@/lib/api/route";
import { listMyClaims } from "@/lib/server/claims/queries";

export const GET = playerRoute({}, async ({ player }) => json(await listMyClaims(player.id)));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
