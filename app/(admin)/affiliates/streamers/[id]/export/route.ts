// GET /affiliates/streamers/:id/export — one streamer's referred players as CSV.
import { ZStreamerPlayersQuery } from "@/lib/schemas/affiliates";
import { getStreamer, streamerPlayersAll } from "@/lib/server/affiliates/reports";
import { REFERRED_PLAYER_CSV } from "@/lib/server/affiliates/streamer-csv";
import { csvResponse } from "@/lib/server/csv";
import { operatorRoute } from "@/lib/api/operator-route";

// User ids are int4; a longer or non-decimal id names no one (and would make the query fail).
const INT4_MAX = 2_147_483_647;
const notFound = () => new Response("Not found", { status: 404 });

// Every page of the on-screen search, streamed in batches of 1,000 read by id (a streamer with
// 100,000 referrals never sits in memory whole). A bad id, or one that isn't an affiliate, is a 404
// before the first byte.
export const GET = operatorRoute("affiliateReports.read", async (req) => {
  const url = new URL(req.url);
  const raw = url.pathname.split("/").at(-2) ?? "";
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id <= INT4_MAX)) return notFound();
  const q = ZStreamerPlayersQuery.parse(Object.fromEntries(url.searchParams));
  // PostgreSQL text can't hold a NUL: refused here rather than failing the query mid-file.
  if (q.q?.includes("\u0000")) return new Response("Bad search", { status: 400 });
  if (!(await getStreamer(id))) return notFound();
  return csvResponse(`streamer_${id}_players.csv`, REFERRED_PLAYER_CSV, streamerPlayersAll(id, q.q));
});
