import { Target } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DataTable } from "@/components/data-table";
import { ListPage } from "@/components/list-page";
import { StatusFilter } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { ZChallengeListQuery } from "@/lib/schemas/challenges";
import { listChallenges } from "@/lib/server/challenges/queries";

import { requireReader } from "../_lib/access";
import { CHALLENGE_STATUSES, ChallengeStatusBadge } from "./_components/challenge-status-badge";

const NOUN: [string, string] = ["challenge", "challenges"];

export const metadata: Metadata = { title: "Challenges" };

export default async function ChallengesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { canWrite } = await requireReader("challenges");
  const q = ZChallengeListQuery.parse(await searchParams);
  const { rows, total, pageSize } = await listChallenges(q);

  return (
    <ListPage
      title="Challenges"
      description="The first player to hit a multiplier on a game wins the reward. Winners wait for your confirmation."
      path="/challenges"
      create={canWrite && "New challenge"}
      search={{ value: q.q, placeholder: "Search title or game" }}
      filters={<StatusFilter value={q.status} labels={CHALLENGE_STATUSES} />}
      emptyList={rows.length === 0 && { icon: Target, filtered: !!(q.q || q.status), hint: canWrite ? "Create one to reward a big hit." : undefined }}
      pager={{ total, page: q.page, pageSize, noun: NOUN, query: q }}
    >
      <DataTable columns={["Challenge", "Needs", "Reward", "Window", "Status", "Winner"]}>
        {rows.map((c) => (
          <TableRow key={c.id} data-testid={`challenge-row-${c.id}`}>
            <TableCell>
              <Link href={`/challenges/${c.id}`} className="font-medium hover:underline">
                {c.defaultTitle}
              </Link>
              <span className="block text-xs text-muted-foreground">
                {c.gameName}
                {c.isHidden && (
                  <Badge variant="muted" className="ml-1">
                    Hidden
                  </Badge>
                )}
              </span>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              ≥ {Number(c.minBetMultiplier)}× on ≥ {formatUsd(c.minBetAmountUsd)}
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {c.rewardAmount} {c.rewardCurrency}
              <span className="block text-xs text-muted-foreground">{formatUsd(c.rewardUsdAmount)}</span>
            </TableCell>
            <TableCell className="text-xs">
              {c.startsAt ? formatDateTime(c.startsAt) : "now"} → {c.endsAt ? formatDateTime(c.endsAt) : "until won"}
            </TableCell>
            <TableCell>
              <ChallengeStatusBadge status={c.status} />
            </TableCell>
            <TableCell>{c.winnerName ?? <span className="text-muted-foreground">—</span>}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </ListPage>
  );
}
