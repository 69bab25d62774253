import { ZStreamerPlayersQuery } from "@/lib/schemas/affiliates";
import { streamerPlayersAll } from "@/lib/server/affiliates/reports";
import { REFERRED_PLAYER_CSV } from "@/lib/server/affiliates/streamer-csv";
import { csvResponse } from "@/lib/server/csv";
import { operatorRoute } from "@/lib/server/operator-route";

// One streamer's referred players as CSV, every page of the on-screen search, streamed in batches of
// 1,000 read by id (a streamer with 100,000 referrals never sits in memory whole).
export const GET = operatorRoute("affiliateReports.read", async (req) => {
  const url = new URL(req.url);
  const id = Number(url.pathname.split("/").at(-2));
  if (!Number.isSafeInteger(id) || id <= 0) return new Response("Not found", { status: 404 });
  const q = ZStreamerPlayersQuery.parse(Object.fromEntries(url.searchParams));
  return csvResponse(`streamer_${id}_players.csv`, REFERRED_PLAYER_CSV, streamerPlayersAll(id, q.q));
});
