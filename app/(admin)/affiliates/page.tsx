import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Affiliate overview" };

export default async function AffiliatesPage() {
  await requirePermission("affiliateReports.read");
  return (
    <>
      <PageHeader title="Affiliate overview" description="Commissions, referrals and GGR per affiliate." />
      <NotBuiltYet area="Affiliate overview" issue={6} />
    </>
  );
}
