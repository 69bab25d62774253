// GET /api/v1/credits?after=CURSOR&limit=N — the credits feed for the platform's wallet, oldest first.
import { json, methodNotAllowed, platformRoute } from "@/lib/api/route";
import { ZCreditsQuery } from "@/lib/schemas/api/events";
import { readCredits } from "@/lib/server/credits/feed";

export const GET = platformRoute({ query: ZCreditsQuery }, async ({ query }) => json(await readCredits(query.after, query.limit)));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
