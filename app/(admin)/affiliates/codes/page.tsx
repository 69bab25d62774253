import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Affiliate codes" };

export default async function AffiliatesCodesPage() {
  await requirePermission("affiliateCodes.write");
  return (
    <>
      <PageHeader title="Affiliate codes" description="Codes, owners, commission rates and streamer flags." />
      <NotBuiltYet area="Affiliate codes" issue={6} />
    </>
  );
}
