import { Plus, Target } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { EmptyState } from "@/components/empty-state";
import { ListPager, listHref } from "@/components/list-pager";
import { FilterBar } from "@/components/filter-bar";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { ZChallengeListQuery } from "@/lib/schemas/challenges";
import { requirePermission } from "@/lib/server/auth/guards";
import { listChallenges } from "@/lib/server/challenges/queries";

import { ChallengeStatusBadge } from "./_components/challenge-status-badge";

export const metadata: Metadata = { title: "Challenges" };

export default async function ChallengesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const operator = await requirePermission("challenges.read");
  const q = ZChallengeListQuery.parse(await searchParams);
  const { rows, total, pageSize } = await listChallenges(q);
  const canWrite = can(operator.role, "challenges.write");

  return (
    <>
      <PageHeader
        title="Challenges"
        description="The first player to hit a multiplier on a game wins the reward. Winners wait for your confirmation."
        actions={
          canWrite && (
            <Button asChild>
              <Link href="/challenges/new">
                <Plus /> New challenge
              </Link>
            </Button>
          )
        }
      />
      <FilterBar resetHref="/challenges">
        <Input name="q" defaultValue={q.q} placeholder="Search title or game" className="col-span-2 sm:w-56" />
        <NativeSelect name="status" defaultValue={q.status ?? ""} aria-label="Status">
          <option value="">Any status</option>
          <option value="pending">Winner to confirm</option>
          <option value="open">Open</option>
          <option value="scheduled">Scheduled</option>
          <option value="confirmed">Won</option>
          <option value="ended">Ended, no winner</option>
        </NativeSelect>
      </FilterBar>
      {rows.length === 0 ? (
        <EmptyState
          icon={Target}
          title={q.q || q.status ? "No challenge matches these filters" : "No challenges yet"}
          hint={canWrite ? "Create one to reward a big hit." : undefined}
        />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Challenge</TableHead>
                <TableHead>Needs</TableHead>
                <TableHead>Reward</TableHead>
                <TableHead>Window</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Winner</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
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
                    {c.startsAt ? formatDateTime(c.startsAt) : "now"} →{" "}
                    {c.endsAt ? formatDateTime(c.endsAt) : "until won"}
                  </TableCell>
                  <TableCell>
                    <ChallengeStatusBadge status={c.status} />
                  </TableCell>
                  <TableCell>{c.winnerName ?? <span className="text-muted-foreground">—</span>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <ListPager
        total={total}
        page={q.page}
        pageSize={pageSize}
        noun={["challenge", "challenges"]}
        hrefFor={(page) => listHref("/challenges", { ...q, page })}
      />
    </>
  );
}
