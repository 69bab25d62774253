import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { newScheduleInitial } from "@/lib/schemas/leaderboards";
import { requirePermission } from "@/lib/server/auth/guards";
import { listGamesForPicker } from "@/lib/server/games/queries";

import { ScheduleForm } from "../_components/schedule-form";

export const metadata: Metadata = { title: "New schedule" };

export default async function NewSchedulePage() {
  await requirePermission("leaderboards.write");
  const games = await listGamesForPicker();
  return (
    <>
      <PageHeader title="New schedule" description="A board that repeats: daily, weekly, monthly or every N seconds." />
      <ScheduleForm games={games} initial={newScheduleInitial()} />
    </>
  );
}
