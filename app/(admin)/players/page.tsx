import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Player lookup" };

export default async function PlayersPage() {
  await requirePermission("players.read");
  return (
    <>
      <PageHeader title="Player lookup" description="Find a player by id or username: balances, ledger, claims, leaderboards, referrer." />
      <NotBuiltYet area="Player lookup" issue={7} />
    </>
  );
}
