import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { PageHeader } from "@/components/page-header";
import { SummaryList } from "@/components/summary-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { requirePermission } from "@/lib/server/auth/guards";
import { getChallenge, type TChallengeDetail } from "@/lib/server/challenges/queries";
import { listGamesForPicker } from "@/lib/server/games/queries";
import { usdRateMap } from "@/lib/server/rates/queries";

import { ChallengeForm } from "../_components/challenge-form";
import { ChallengeStatusBadge } from "../_components/challenge-status-badge";
import { WinnerDecision } from "../_components/winner-panel";
import { isUuid } from "@/lib/schemas/ids";

export const metadata: Metadata = { title: "Challenge" };

export default async function ChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requirePermission("challenges.read");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const c = await getChallenge(id);
  if (!c) notFound();
  const canWrite = can(operator.role, "challenges.write");
  const editable = canWrite && c.status !== "confirmed";
  const [games, usdRates] = editable ? await Promise.all([listGamesForPicker(), usdRateMap()]) : [[], {}];

  return (
    <>
      <PageHeader
        title={c.title}
        description={`${c.targetGameName} · ≥ ${Number(c.minBetMultiplier)}× on a bet of ≥ ${formatUsd(c.minBetAmountUsd)}`}
      />
      <div className="mb-4 flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
        <ChallengeStatusBadge status={c.status} />
        <span>
          Reward {c.rewardAmount} {c.rewardCurrency} ({formatUsd(c.rewardUsdAmount)} at{" "}
          {c.rewardUsdRate.replace(/\.?0+$/, "")} USD/{c.rewardCurrency})
        </span>
        {c.isHidden && <span>· hidden</span>}
      </div>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="order-2 min-w-0 xl:order-1">
          {editable ? (
            <ChallengeForm
              mode="edit"
              challengeId={c.id}
              games={games}
              usdRates={usdRates}
              initial={{
                title: c.title,
                targetGameId: c.targetGameId,
                minBetAmountUsd: c.minBetAmountUsd,
                minBetMultiplier: c.minBetMultiplier,
                rewardCurrency: c.rewardCurrency,
                rewardAmount: c.rewardAmount,
                isHidden: c.isHidden,
                startsAt: c.startsAt ?? "",
                endsAt: c.endsAt ?? "",
              }}
            />
          ) : (
            <Card>
              <CardContent>
                <SummaryList
                  items={[
                    ["Game", c.targetGameName],
                    ["Minimum multiplier", `${c.minBetMultiplier}×`],
                    ["Minimum bet", formatUsd(c.minBetAmountUsd)],
                    ["Reward", `${c.rewardAmount} ${c.rewardCurrency}`],
                    ["Starts", c.startsAt ? formatDateTime(c.startsAt) : "at creation"],
                    ["Ends", c.endsAt ? formatDateTime(c.endsAt) : "when won"],
                  ]}
                />
              </CardContent>
            </Card>
          )}
        </div>
        <div className="order-1 grid content-start gap-6 xl:order-2">
          <WinnerCard c={c} canDecide={canWrite} />
          {c.rejections.length > 0 && <RejectionsCard c={c} />}
        </div>
      </div>
    </>
  );
}

function WinnerCard({ c, canDecide }: { c: TChallengeDetail; canDecide: boolean }) {
  return (
    <Card data-testid="winner-panel">
      <CardHeader>
        <CardTitle>Winner</CardTitle>
        <CardDescription>
          {c.status === "confirmed"
            ? `Confirmed by ${c.confirmedBy} on ${formatDateTime(c.confirmedAt!)}; reward paid.`
            : c.winner
              ? "Check the bet, then confirm to pay the reward or reject with a reason."
              : "No qualifying bet yet. The first one selects a winner here."}
        </CardDescription>
      </CardHeader>
      {c.winner && c.bet && (
        <CardContent className="grid gap-4">
          <SummaryList
            dense
            items={[
              ["Player", `${c.winner.username} (#${c.winner.id})`],
              ["Bet", <span key="bet" className="font-mono text-xs">{c.bet.id}</span>],
              ["Stake", `${c.bet.amount} ${c.bet.currencyId} (${formatUsd(c.bet.usdAmount)})`],
              ["Multiplier", `${Number(c.bet.payoutMultiplier)}×`],
              ["Bet time", formatDateTime(c.bet.createdAt)],
              ...(c.winner.selectedAt ? ([["Selected", formatDateTime(c.winner.selectedAt)]] as [string, string][]) : []),
            ]}
          />
          {c.status === "pending" && canDecide && (
            <WinnerDecision id={c.id} username={c.winner.username} reward={`${c.rewardAmount} ${c.rewardCurrency}`} />
          )}
        </CardContent>
      )}
    </Card>
  );
}

function RejectionsCard({ c }: { c: TChallengeDetail }) {
  return (
    <Card className="py-0">
      <CardHeader className="pt-6">
        <CardTitle>Rejected players</CardTitle>
      </CardHeader>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Player</TableHead>
            <TableHead>Reason</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {c.rejections.map((r) => (
            <TableRow key={`${r.userId}-${r.rejectedAt}`}>
              <TableCell>{r.username}</TableCell>
              <TableCell className="whitespace-normal">
                {r.reason}
                <span className="block text-xs text-muted-foreground">
                  {r.rejectedBy}, {formatDateTime(r.rejectedAt)}
                </span>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
