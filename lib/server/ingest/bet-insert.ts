import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TBetEvent } from "@/lib/schemas/api/events";
import { betCommissionRate } from "@/lib/server/affiliates/commission-rate";
import { isReferred } from "@/lib/server/affiliates/commissions";
import { challengeOpenOnGame } from "@/lib/server/challenges/winners";
import { ANY_BOARD_TAKES_BETS } from "@/lib/server/leaderboards/standings";
import { hasActiveBonus } from "@/lib/server/rollover/apply";
import type { TSqlTx } from "@/lib/server/sql-transaction";

/**
 * The advisory lock (space, key) between bets arriving and rollbacks waiting for their bet: every bet
 * batch holds it shared (one lock, taken before its insert reads BetRollback), and a rollback batch
 * that finds a bet missing takes it exclusively before it writes anything. So a bet either sees its
 * pending rollback and is stored voided, or is committed before the rollback batch looks again.
 */
export const BET_ARRIVAL_LOCK = [3, 0] as const;

/**
 * The shared hold of BET_ARRIVAL_LOCK, as the statement that opens every bet transaction (with its
 * BEGIN, in one round trip: sqlTransaction's `first`): a statement of its own, so the insert's
 * snapshot is taken after the hold, never before a rollback batch that held it exclusively committed.
 */
export const HOLD_BET_ARRIVAL_SQL = `SELECT pg_advisory_xact_lock_shared(${BET_ARRIVAL_LOCK[0]}, ${BET_ARRIVAL_LOCK[1]})`;

/**
 * A bet the insert stored now; `rollbackId` when a rollback was waiting for it (stored voided). The
 * rest say which of the path's statements it may move anything in, read in the insert itself so a
 * batch skips the statements none of its bets needs (each a round trip; see TBetEffectsDue).
 */
export type TInsertedBet = {
  id: string;
  rollbackId: string | null;
  /** Its player has an ACTIVE bonus (rollover, completion, late-bet expiry). */
  bonus: boolean;
  /** Some board takes bets (board standings). */
  boards: boolean;
  /** A challenge not yet confirmed targets its game. */
  challenge: boolean;
  /** Its player was referred (commissions, active referrals). */
  referred: boolean;
};

/**
 * Stores the bets of a batch that are new, in one statement (idempotent by id), and returns the bets
 * it inserted. Each bet is priced in USD (sent, or at the rate of its time) and its commission fixed
 * (the affiliate rule); a bet for an unknown player or game, or with no USD rate, is left out, and
 * the caller tells why from what is stored. A bet whose rollback arrived first is stored already
 * voided (voidedAt, voidReason, rollbackId; the rollback's appliedAt set) in the same statement; when
 * none is pending that costs one probe of BetRollback's betId index per bet. The transaction holds
 * BET_ARRIVAL_LOCK shared already (HOLD_BET_ARRIVAL_SQL opened it).
 */
export async function insertNewBets(tx: TSqlTx, e: TBetEvent[]): Promise<TInsertedBet[]> {
  const rate = betCommissionRate({ userId: Prisma.sql`p.user_id`, at: Prisma.sql`p.at` }, Prisma.sql`c`);
  const rows = await tx.$queryRaw<TInsertedBet[]>`
      WITH input AS (
        SELECT * FROM unnest(
          ${e.map((x) => x.id)}::text[], ${e.map((x) => x.userId)}::int[], ${e.map((x) => x.gameId)}::int[],
          ${e.map((x) => x.currencyId)}::"CurrencyId"[], ${e.map((x) => x.amount)}::numeric[],
          ${e.map((x) => x.usdAmount ?? null)}::numeric[], ${e.map((x) => x.payout)}::numeric[],
          ${e.map((x) => x.payoutUsd ?? null)}::numeric[], ${e.map((x) => x.payoutMultiplier)}::numeric[],
          ${e.map((x) => x.createdAt)}::timestamptz[]
        ) AS i(id, user_id, game_id, currency, amount, usd, payout, payout_usd, mult, at)
      ),
      priced AS (
        SELECT i.*, COALESCE(i.usd, i.amount * usd_rate(i.currency, i.at)) AS usd_v, g."houseEdge" AS edge,
               u."affiliateCodeId" AS code_id
        FROM input i
        JOIN "User" u ON u.id = i.user_id AND u.role = 'PLAYER'
        JOIN "Game" g ON g.id = i.game_id
      ),
      commission AS (
        SELECT p.*, ${rate} AS commission_rate
        FROM priced p LEFT JOIN "AffiliateCode" c ON c.id = p.code_id
        WHERE p.usd_v IS NOT NULL
      ),
      pending AS (
        SELECT r.id, r."betId", r.reason, r."createdAt" FROM "BetRollback" r
        WHERE r."betId" IN (SELECT id FROM input) AND r."appliedAt" IS NULL
      ),
      inserted AS (
        INSERT INTO "Bet" (id, "userId", "gameId", "currencyId", amount, "usdAmount", payout, "payoutUsd",
                           "payoutMultiplier", "commissionAmount", "commissionUsdAmount", "createdAt",
                           "voidedAt", "voidReason", "rollbackId")
        SELECT c.id, user_id, game_id, currency, amount, usd_v, payout, COALESCE(payout_usd, usd_v * mult), mult,
               amount * edge * commission_rate, usd_v * edge * commission_rate, at,
               r."createdAt", r.reason, r.id
        FROM commission c LEFT JOIN pending r ON r."betId" = c.id
        ORDER BY c.id
        ON CONFLICT (id) DO NOTHING
        RETURNING id, "rollbackId", "userId", "gameId"
      ),
      applied_rollbacks AS (
        UPDATE "BetRollback" r SET "appliedAt" = now()
        FROM inserted i WHERE r.id = i."rollbackId"
      )
      SELECT i.id, i."rollbackId", ${hasActiveBonus(Prisma.sql`i."userId"`)} AS bonus, ${ANY_BOARD_TAKES_BETS} AS boards,
             ${challengeOpenOnGame(Prisma.sql`i."gameId"`)} AS challenge, ${isReferred(Prisma.sql`i."userId"`)} AS referred
      FROM inserted i`;
  return rows;
}
