import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Streamer report" };

export default async function AffiliatesStreamersPage() {
  await requirePermission("affiliateReports.read");
  return (
    <>
      <PageHeader title="Streamer report" description="Streamers' referrals, deposits and profit/loss over a date range." />
      <NotBuiltYet area="Streamer report" issue={6} />
    </>
  );
}
