// Pure board facts shared by the player API, the back office and the worker's callers.
import Decimal from "decimal.js";

import { toUsd } from "@/lib/domain/money/decimal";
import { isDecimalText } from "@/lib/schemas/money";

export type TPrize = { from: number; to: number; usd: string };
export type TBoardStatus = "NOT_STARTED" | "ACTIVE" | "ENDED" | "SETTLEMENT" | "FINISHED";

/**
 * The status a board has by the clock. The worker writes the column; a read between its rounds
 * shows the status the board already has by time, and SETTLEMENT/FINISHED only once written.
 */
export function effectiveBoardStatus(b: { status: string; startDate: Date; endDate: Date }, now: Date): TBoardStatus {
  if (b.status === "SETTLEMENT" || b.status === "FINISHED") return b.status;
  if (now < b.startDate) return "NOT_STARTED";
  if (now < b.endDate) return "ACTIVE";
  return "ENDED";
}

/** The prize pool: each range's USD prize times the ranks it covers, exact to the cent. */
export function prizePool(prizes: TPrize[] = []): string {
  return toUsd(
    prizes.reduce(
      (sum, p) =>
        Number.isInteger(p.from) && Number.isInteger(p.to) && p.to >= p.from && isDecimalText(p.usd)
          ? sum.add(new Decimal(p.usd).mul(p.to - p.from + 1))
          : sum,
      new Decimal(0),
    ),
  );
}

/** The USD prize at a position, or null when no range covers it. */
export function prizeAt(prizes: TPrize[], position: number): string | null {
  return prizes.find((p) => position >= p.from && position <= p.to)?.usd ?? null;
}

/** How many ranks the prize table pays. */
export function paidRanks(prizes: TPrize[]): number {
  return prizes.reduce((max, p) => Math.max(max, p.to), 0);
}

/** The summary every board list shows (player API and back office alike). */
export function boardSummary<TType extends string>(
  b: { id: string; name: string; type: TType; status: string; startDate: Date; endDate: Date },
  config: { prizes?: TPrize[]; prizeCurrency?: string },
  now: Date,
) {
  return {
    id: b.id,
    name: b.name,
    type: b.type,
    status: effectiveBoardStatus(b, now),
    startDate: b.startDate.toISOString(),
    endDate: b.endDate.toISOString(),
    prizeCurrency: config.prizeCurrency ?? "USDT",
    prizePoolUsd: prizePool(config.prizes),
  };
}
