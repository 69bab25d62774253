import type { Metadata } from "next";

import { DataTable } from "@/components/data-table";
import { PageHeader, PageMeta } from "@/components/page-header";
import { SummaryList } from "@/components/summary-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { getChallenge, type TChallengeDetail } from "@/lib/server/challenges/queries";
import { listGamesForPicker } from "@/lib/server/games/queries";
import { usdRateMap } from "@/lib/server/rates/queries";

import { requireReader } from "../../_lib/access";
import { rowByUuidOr404 } from "../../_lib/route-row";
import { ChallengeForm } from "../_components/challenge-form";
import { ChallengeStatusBadge } from "../_components/challenge-status-badge";
import { WinnerDecision } from "../_components/winner-panel";

export const metadata: Metadata = { title: "Challenge" };

export default async function ChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const { canWrite } = await requireReader("challenges");
  const c = await rowByUuidOr404(params, getChallenge);
  const editable = canWrite && c.status !== "confirmed";
  const [games, usdRates] = editable ? await Promise.all([listGamesForPicker(), usdRateMap()]) : [[], {}];

  return (
    <>
      <PageHeader
        title={c.title}
        description={`${c.targetGameName} · ≥ ${Number(c.minBetMultiplier)}× on a bet of ≥ ${formatUsd(c.minBetAmountUsd)}`}
      />
      <PageMeta>
        <ChallengeStatusBadge status={c.status} />
        <span>
          Reward {c.rewardAmount} {c.rewardCurrency} ({formatUsd(c.rewardUsdAmount)} at{" "}
          {c.rewardUsdRate.replace(/\.?0+$/, "")} USD/{c.rewardCurrency})
        </span>
        {c.isHidden && <span>· hidden</span>}
      </PageMeta>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="order-2 min-w-0 xl:order-1">
          {editable ? (
            <ChallengeForm
              id={c.id}
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
          {c.winningBetVoidedAt && (
            <p className="rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm" role="status" data-testid="winning-bet-voided">
              The platform voided this winning bet on {formatDateTime(c.winningBetVoidedAt)}
              {c.winningBetVoidReason ? ` (${c.winningBetVoidReason})` : ""}, after the winner was confirmed. The reward stands; follow up
              with the player if needed.
            </p>
          )}
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
      <DataTable columns={["Player", "Reason"]}>
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
      </DataTable>
    </Card>
  );
}
