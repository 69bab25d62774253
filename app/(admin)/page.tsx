import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requirePermission("dashboard.read");
  return (
    <>
      <PageHeader title="Dashboard" description="Key numbers across promos, challenges, leaderboards and affiliates." />
      <NotBuiltYet area="Dashboard" issue={7} />
    </>
  );
}
