import "server-only";

import type { TReferredPlayer, TStreamerRow } from "@/lib/server/affiliates/reports";
import type { TCsvColumn } from "@/lib/server/csv";

// The CSV columns are the report tables' columns, in the same order, so a download is what the
// screen shows (USD with two decimals, as displayed, without the currency symbol).

export const STREAMER_CSV: TCsvColumn<TStreamerRow>[] = [
  { header: "Streamer id", value: (r) => r.userId },
  { header: "Streamer", value: (r) => r.username },
  { header: "Codes", value: (r) => r.codes.join(" ") },
  { header: "Referrals", value: (r) => r.referrals },
  { header: "Active referrals", value: (r) => r.activeReferrals },
  { header: "Sign-ups in range", value: (r) => r.signups },
  { header: "Deposits USD", value: (r) => r.depositUsd },
  { header: "Wagered USD", value: (r) => r.wageredUsd },
  { header: "GGR USD", value: (r) => r.ggrUsd },
  { header: "Commissions USD", value: (r) => r.commissionUsd },
  { header: "Bonus USD", value: (r) => r.bonusUsd },
  { header: "Profit/loss USD", value: (r) => r.profitLoss },
];

export const REFERRED_PLAYER_CSV: TCsvColumn<TReferredPlayer>[] = [
  { header: "Player id", value: (r) => r.userId },
  { header: "Player", value: (r) => r.username },
  { header: "Code", value: (r) => r.code },
  { header: "Joined (UTC)", value: (r) => r.joinedAt },
  { header: "Deposited USD", value: (r) => r.depositedUsd },
  { header: "Wagered USD", value: (r) => r.wageredUsd },
  { header: "GGR USD", value: (r) => r.ggrUsd },
  { header: "Bonus USD", value: (r) => r.bonusUsd },
  { header: "Last bet (UTC)", value: (r) => r.lastBetAt },
];
