import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Leaderboards" };

export default async function LeaderboardsPage() {
  await requirePermission("leaderboards.read");
  return (
    <>
      <PageHeader title="Leaderboards" description="Wagering and multiplier leaderboards and their standings." />
      <NotBuiltYet area="Leaderboards" issue={5} />
    </>
  );
}
