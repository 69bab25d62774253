import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { CLAIMS_PAGE_SIZE, listPlayerClaims, listPromoClaims } from "@/lib/server/promo-codes/queries";
import { makePromo, reserveIds } from "@/tests/fixtures/factories";
import { itPagesNewestFirst } from "@/tests/fixtures/paging";

// The promo page's claims tab pages through every claim and counts them all (no longer the first
// 500 with "N claims" from those). This file's own promo and players, claimed a minute apart in a
// window of its own, so the order is known and no other file's rows can fall into it.
const CLAIMS = CLAIMS_PAGE_SIZE + 7;
const START = Date.UTC(2001, 4, 1) + Math.floor(Math.random() * 100_000) * 60_000;

let promoId: string;
let firstPlayer: number;

beforeAll(async () => {
  const promo = await makePromo({ type: "INSTANT", amount: "1", bonusMultiplier: "0" });
  promoId = promo.id;
  firstPlayer = reserveIds(CLAIMS);
  const players = Array.from({ length: CLAIMS }, (_, i) => firstPlayer + i);
  await db.user.createMany({ data: players.map((id) => ({ id, username: `paging_${id}` })) });
  // Player firstPlayer + i claimed i minutes after START: the newest claim is the last player's.
  await db.userPromoCode.createMany({
    data: players.map((userId, i) => ({
      userId,
      promoCodeId: promoId,
      status: "COMPLETED" as const,
      createdAt: new Date(START + i * 60_000),
    })),
  });
});

describe("a promo's claims, a page at a time", () => {
  itPagesNewestFirst("claim", {
    load: (page) => listPromoClaims(promoId, page === undefined ? {} : { page }),
    total: CLAIMS,
    pageSize: CLAIMS_PAGE_SIZE,
    newestFirst: () => Array.from({ length: CLAIMS }, (_, i) => firstPlayer + CLAIMS - 1 - i),
    key: (r) => r.userId,
    at: (r) => r.claimedAt,
  });

  it("one player's claims come in the same shape, with their own count", async () => {
    const mine = await listPlayerClaims(firstPlayer);
    expect(mine.total).toBe(1);
    expect(mine.rows).toEqual([
      expect.objectContaining({ userId: firstPlayer, promoCodeId: promoId, status: "COMPLETED", cancellable: false }),
    ]);
  });
});
