import "server-only";

import { toUsd } from "@/lib/domain/money/decimal";
import { db } from "@/lib/server/db";

/**
 * GET /challenges: open, listed challenges. A challenge with a winner — selected and awaiting an
 * operator's confirmation, or confirmed — is no longer open to players; neither is one whose window
 * is over. Rejecting a winner moves to the next qualifying bet, or, with none, clears `winnerId` and
 * the challenge is listed again.
 */
export async function listOpenChallenges(now = new Date()) {
  const rows = await db.challenge.findMany({
    where: { isHidden: false, winnerId: null, winnerConfirmedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    include: { targetGame: { select: { id: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return {
    challenges: rows.map((c) => ({
      id: c.id,
      title: c.defaultTitle,
      game: { id: c.targetGame.id, name: c.targetGame.name },
      minBetUsd: toUsd(c.minBetAmountUsd),
      minMultiplier: c.minBetMultiplier.toFixed(),
      reward: { currencyId: c.rewardCurrency, amount: c.rewardAmount.toFixed(), usdAmount: toUsd(c.rewardUsdAmount) },
      startsAt: c.startsAt?.toISOString() ?? null,
      endsAt: c.endsAt?.toISOString() ?? null,
    })),
  };
}
