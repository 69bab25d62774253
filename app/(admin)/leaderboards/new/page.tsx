import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { newBoardInitial } from "@/lib/schemas/leaderboards";
import { requirePermission } from "@/lib/server/auth/guards";
import { listGamesForPicker } from "@/lib/server/games/queries";

import { BoardForm } from "../_components/board-form";

export const metadata: Metadata = { title: "New leaderboard" };

export default async function NewBoardPage() {
  await requirePermission("leaderboards.write");
  const games = await listGamesForPicker();
  return (
    <>
      <PageHeader title="New leaderboard" description="One race. For boards that repeat, create a schedule instead." />
      <BoardForm games={games} initial={newBoardInitial()} />
    </>
  );
}
