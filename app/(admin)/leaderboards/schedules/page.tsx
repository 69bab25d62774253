import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Leaderboard schedules" };

export default async function LeaderboardsSchedulesPage() {
  await requirePermission("leaderboards.read");
  return (
    <>
      <PageHeader title="Leaderboard schedules" description="Recurring leaderboards: daily, weekly, monthly or every N seconds." />
      <NotBuiltYet area="Leaderboard schedules" issue={5} />
    </>
  );
}
