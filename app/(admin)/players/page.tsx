import { Search, UserRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { requirePermission } from "@/lib/server/auth/guards";
import { searchPlayers } from "@/lib/server/players/lookup";

export const metadata: Metadata = { title: "Player lookup" };

export default async function PlayersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requirePermission("players.read");
  const q = (await searchParams).q?.trim().slice(0, 100) ?? "";
  const rows = q ? await searchPlayers(q) : [];
  // An exact id match goes straight to the player.
  if (rows.length > 0 && String(rows[0].id) === q) redirect(`/players/${rows[0].id}`);

  return (
    <>
      <PageHeader title="Player lookup" description="Balances, ledger, claims, leaderboard entries and affiliate links of one player." />
      <form method="get" className="mb-4 flex flex-wrap gap-2" role="search">
        <Input name="q" defaultValue={q} placeholder="Player id or username" className="w-72" aria-label="Player id or username" autoFocus />
        <Button type="submit">
          <Search /> Find
        </Button>
      </form>
      {!q ? (
        <EmptyState icon={UserRound} title="Search for a player" hint="By platform id (exact) or by username." />
      ) : rows.length === 0 ? (
        <EmptyState icon={UserRound} title={`No player matches “${q}”`} hint="Players arrive through the platform's users events." />
      ) : (
        <Card className="py-0">
          <DataTable columns={["Player", "KYC", "Referred by", { label: "Since", className: "hidden sm:table-cell" }]}>
            {rows.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  <Link href={`/players/${p.id}`} className="font-medium hover:underline">
                    {p.username}
                  </Link>{" "}
                  <span className="text-xs text-muted-foreground">#{p.id}</span>
                  {p.bonusBlocked && (
                    <Badge variant="destructive" className="ml-1">
                      Bonus-blocked
                    </Badge>
                  )}
                </TableCell>
                <TableCell>{p.kycLevel}</TableCell>
                <TableCell className="font-mono text-xs">{p.affiliateCodeId ?? "—"}</TableCell>
                <TableCell className="hidden text-xs sm:table-cell">{formatDateTime(p.createdAt)}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        </Card>
      )}
    </>
  );
}
