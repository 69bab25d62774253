// The player page's withdrawals tab (lib/server/players/lookup.ts playerWithdrawals): every
// withdrawal counted for the tab's label, a page of WITHDRAWALS_PAGE_SIZE at a time, newest first,
// each amount rounded down to its currency's scale (USDT 2 places, BTC 8) as bets' are.
import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { playerWithdrawals, WITHDRAWALS_PAGE_SIZE } from "@/lib/server/players/lookup";
import { ensureCurrencies, makePlayer } from "@/tests/fixtures/factories";
import { itPagesNewestFirst } from "@/tests/fixtures/paging";

const COUNT = WITHDRAWALS_PAGE_SIZE + 3;
const START = Date.UTC(2002, 2, 1);

let playerId: number;
let ids: string[];

beforeAll(async () => {
  await ensureCurrencies();
  playerId = (await makePlayer()).id;
  // Withdrawal i is made i minutes after START; the last two are BTC, the rest USDT.
  ids = Array.from({ length: COUNT }, (_, i) => `wd_lookup_${playerId}_${i}`);
  await db.withdrawal.createMany({
    data: ids.map((id, i) => ({
      id,
      userId: playerId,
      currencyId: i >= COUNT - 2 ? ("BTC" as const) : ("USDT" as const),
      amount: i >= COUNT - 2 ? "0.123456789" : `${i + 1}.129`,
      usdAmount: `${i + 1}.129`,
      createdAt: new Date(START + i * 60_000),
    })),
  });
  // Another player's withdrawal counts on neither page.
  const other = await makePlayer();
  await db.withdrawal.create({ data: { id: `wd_lookup_other_${other.id}`, userId: other.id, currencyId: "USDT", amount: "1", usdAmount: "1", createdAt: new Date(START) } });
});

describe("a player's withdrawals, a page at a time", () => {
  itPagesNewestFirst("withdrawal", {
    load: (page) => playerWithdrawals(playerId, page),
    total: COUNT,
    pageSize: WITHDRAWALS_PAGE_SIZE,
    newestFirst: () => [...ids].reverse(),
    key: (w) => w.id,
    at: (w) => w.createdAt,
  });

  it("amounts are rounded down to the currency's scale, USD down to cents", async () => {
    const { rows } = await playerWithdrawals(playerId);
    expect(rows.slice(0, 3).map((w) => [w.currencyId, w.amount, w.usdAmount])).toEqual([
      ["BTC", "0.12345678", `${COUNT}.12`],
      ["BTC", "0.12345678", `${COUNT - 1}.12`],
      ["USDT", `${COUNT - 2}.12`, `${COUNT - 2}.12`],
    ]);
  });
});
