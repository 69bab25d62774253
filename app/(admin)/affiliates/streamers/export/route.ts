// GET /affiliates/streamers/export — the streamer report as CSV.
import { ZStreamerReportQuery } from "@/lib/schemas/affiliates";
import { streamerReport } from "@/lib/server/affiliates/reports";
import { STREAMER_CSV } from "@/lib/server/affiliates/streamer-csv";
import { csvResponse, once } from "@/lib/server/csv";
import { operatorRoute } from "@/lib/api/operator-route";
import { reportRange } from "@/lib/server/report-range";

// The same query and filters as the page, so the rows are the table's.
export const GET = operatorRoute("affiliateReports.read", async (req) => {
  const q = ZStreamerReportQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  // PostgreSQL text can't hold a NUL: refused here rather than failing the query.
  if (q.q?.includes("\u0000")) return new Response("Bad search", { status: 400 });
  const range = await reportRange(q);
  const rows = await streamerReport(q, range);
  return csvResponse(`streamers_${range.from}_${range.to}.csv`, STREAMER_CSV, once(rows));
});
