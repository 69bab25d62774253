import "server-only";

import type { TReferredPlayer, TStreamerRow } from "@/lib/server/affiliates/reports";
import type { TCsvColumn } from "@/lib/server/csv";

// The CSV columns are the report tables' columns, in the same order, so a download is what the
// screen shows (USD with two decimals, as displayed, without the currency symbol). Names and codes
// come from the platform (players choose them): they are text columns, escaped against formulas.

export const STREAMER_CSV: TCsvColumn<TStreamerRow>[] = [
  { header: "Streamer id", value: (r) => r.userId, numeric: true },
  { header: "Streamer", value: (r) => r.username },
  { header: "Codes", value: (r) => r.codes.join(" ") },
  { header: "Referrals", value: (r) => r.referrals, numeric: true },
  { header: "Active referrals", value: (r) => r.activeReferrals, numeric: true },
  { header: "Sign-ups in range", value: (r) => r.signups, numeric: true },
  { header: "Deposits USD", value: (r) => r.depositUsd, numeric: true },
  { header: "Wagered USD", value: (r) => r.wageredUsd, numeric: true },
  { header: "GGR USD", value: (r) => r.ggrUsd, numeric: true },
  { header: "Commissions USD", value: (r) => r.commissionUsd, numeric: true },
  { header: "Bonus USD", value: (r) => r.bonusUsd, numeric: true },
  { header: "Profit/loss USD", value: (r) => r.profitLoss, numeric: true },
  { header: "Withdrawals USD", value: (r) => r.withdrawalsUsd, numeric: true },
  { header: "Net deposits USD", value: (r) => r.netDepositsUsd, numeric: true },
];

export const REFERRED_PLAYER_CSV: TCsvColumn<TReferredPlayer>[] = [
  { header: "Player id", value: (r) => r.userId, numeric: true },
  { header: "Player", value: (r) => r.username },
  { header: "Code", value: (r) => r.code },
  { header: "Joined (UTC)", value: (r) => r.joinedAt },
  { header: "Deposited USD", value: (r) => r.depositedUsd, numeric: true },
  { header: "Wagered USD", value: (r) => r.wageredUsd, numeric: true },
  { header: "GGR USD", value: (r) => r.ggrUsd, numeric: true },
  { header: "Bonus USD", value: (r) => r.bonusUsd, numeric: true },
  { header: "Last bet (UTC)", value: (r) => r.lastBetAt },
];
