// The users event's targeting fields (issue #16): `country` and `tags`, through POST /api/v1/events/users.
// Stored as sent (tags without repeats); tags replace the set, [] clears, left out keeps; null clears
// the country; the upsert rules (duplicate, older ignored) hold; a bad value rejects its event alone.
import { describe, expect, it } from "vitest";

import { db } from "@/lib/server/db";
import { getPlayer } from "@/lib/server/players/lookup";
import { sendUsers } from "@/tests/fixtures/events";
import { uniqueId } from "@/tests/fixtures/factories";

type TResult = { id: unknown; status: string; error: { code: string; message: string } | null; warnings: string[] };

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 10, minutes)).toISOString();

/** A users event for `id`, dated `minute` minutes after 10:00 on 2026-11-25. */
const userEvent = (id: number, minute: number, extra: Record<string, unknown> = {}) => ({ id, username: `tgt_${id}`, updatedAt: at(minute), ...extra });

async function send(events: unknown[]): Promise<TResult[]> {
  const res = await sendUsers({ events });
  expect(res.status).toBe(200);
  return res.json.results;
}

const stored = (id: number) => db.user.findUnique({ where: { id }, select: { username: true, country: true, tags: true } });

describe("POST /api/v1/events/users: country and tags", () => {
  it("stores country and tags on a new user, repeats dropped in the order sent; without them: no country, no tags", async () => {
    const [a, b] = [uniqueId(), uniqueId()];
    const results = await send([userEvent(a, 0, { country: "FR", tags: ["VIP_GOLD", "new-2026", "VIP_GOLD", "x"] }), userEvent(b, 0)]);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(results[0].warnings).toEqual([]);
    expect(await stored(a)).toEqual({ username: `tgt_${a}`, country: "FR", tags: ["VIP_GOLD", "new-2026", "x"] });
    expect(await stored(b)).toEqual({ username: `tgt_${b}`, country: null, tags: [] });
  });

  it("the player page's lookup shows the country with its name and the tags; none when there are none", async () => {
    const [a, b] = [uniqueId(), uniqueId()];
    await send([userEvent(a, 0, { country: "FR", tags: ["VIP_GOLD", "beta"] }), userEvent(b, 0)]);
    expect(await getPlayer(a)).toMatchObject({ country: { code: "FR", name: "France" }, tags: ["VIP_GOLD", "beta"] });
    expect(await getPlayer(b)).toMatchObject({ country: null, tags: [] });
  });

  it("a tags list replaces the stored set; [] clears it; left out keeps it", async () => {
    const id = uniqueId();
    await send([userEvent(id, 0, { country: "DE", tags: ["A", "B"] })]);

    expect((await send([userEvent(id, 1, { tags: ["C"] })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ country: "DE", tags: ["C"] });

    // Left out: another field changes, the tags and the country stay.
    expect((await send([userEvent(id, 2, { username: `renamed_${id}` })]))[0].status).toBe("applied");
    expect(await stored(id)).toEqual({ username: `renamed_${id}`, country: "DE", tags: ["C"] });

    expect((await send([userEvent(id, 3, { username: `renamed_${id}`, tags: [] })]))[0].status).toBe("applied");
    expect(await stored(id)).toEqual({ username: `renamed_${id}`, country: "DE", tags: [] });
  });

  it("null clears the country; left out keeps it; another code replaces it", async () => {
    const id = uniqueId();
    await send([userEvent(id, 0, { country: "FR", tags: ["T1"] })]);

    expect((await send([userEvent(id, 1, { country: "GB" })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ country: "GB", tags: ["T1"] });

    expect((await send([userEvent(id, 2, { username: `other_${id}` })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ country: "GB" });

    expect((await send([userEvent(id, 3, { username: `other_${id}`, country: null })]))[0].status).toBe("applied");
    expect(await stored(id)).toEqual({ username: `other_${id}`, country: null, tags: ["T1"] });
  });

  it("the same content is a duplicate: a replay, the same tags in another order or with repeats, null on no country, [] on no tags", async () => {
    const id = uniqueId();
    const first = userEvent(id, 0, { country: "FR", tags: ["VIP", "eu_2026", "beta"] });
    expect((await send([first]))[0].status).toBe("applied");

    const same = [
      first,
      userEvent(id, 1, { country: "FR", tags: ["beta", "VIP", "eu_2026"] }),
      userEvent(id, 2, { country: "FR", tags: ["eu_2026", "beta", "VIP", "beta"] }),
      userEvent(id, 3), // both left out
    ];
    expect((await send(same)).map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate", "duplicate"]);
    // The stored order is the first one's: reordering changed nothing.
    expect(await stored(id)).toMatchObject({ country: "FR", tags: ["VIP", "eu_2026", "beta"] });

    const bare = uniqueId();
    await send([userEvent(bare, 0)]);
    expect((await send([userEvent(bare, 1, { country: null, tags: [] })]))[0].status).toBe("duplicate");
  });

  it("a change of one tag, of a tag's case, or of the country is applied, not a duplicate", async () => {
    const id = uniqueId();
    await send([userEvent(id, 0, { country: "FR", tags: ["VIP", "beta"] })]);
    expect((await send([userEvent(id, 1, { country: "FR", tags: ["vip", "beta"] })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ tags: ["vip", "beta"] });
    expect((await send([userEvent(id, 2, { country: "FR", tags: ["vip"] })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ tags: ["vip"] });
    expect((await send([userEvent(id, 3, { country: "FR", tags: ["vip", "beta"] })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ tags: ["vip", "beta"] });
    expect((await send([userEvent(id, 4, { country: "BE", tags: ["vip", "beta"] })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ country: "BE", tags: ["vip", "beta"] });
  });

  it("an event older than the stored one is ignored: country and tags stay (also when it clears them)", async () => {
    const id = uniqueId();
    await send([userEvent(id, 30, { country: "FR", tags: ["VIP"] })]);
    const older = await send([
      userEvent(id, 10, { country: "DE", tags: ["OTHER"] }),
      userEvent(id, 20, { country: null, tags: [] }),
      { id, username: `tgt_${id}`, createdAt: at(5), country: "ES" }, // dated by createdAt alone
    ]);
    expect(older.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
    for (const r of older) expect(r.warnings).toEqual(["older than the stored user; ignored"]);
    expect(await stored(id)).toEqual({ username: `tgt_${id}`, country: "FR", tags: ["VIP"] });

    // A newer one still applies.
    expect((await send([userEvent(id, 40, { tags: ["LATER"] })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ country: "FR", tags: ["LATER"] });
  });

  it("the bounds themselves are accepted: 20 tags, a 40-character tag, every allowed character", async () => {
    const id = uniqueId();
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect((await send([userEvent(id, 0, { country: "ZW", tags: twenty })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ country: "ZW", tags: twenty });
    const long = "A".repeat(40);
    const chars = "azAZ09_-";
    expect((await send([userEvent(id, 1, { country: "AD", tags: [long, chars] })]))[0].status).toBe("applied");
    expect(await stored(id)).toMatchObject({ country: "AD", tags: [long, chars] });
  });

  const tooMany = Array.from({ length: 21 }, (_, i) => `t${i}`);
  // Each bad value, with the error code and the field its message names. More than 20 tags is a
  // size bound, which the events parser answers OUT_OF_RANGE (lib/api/events.ts: zod's too_big).
  const BAD: [string, Record<string, unknown>, string, string][] = [
    ["lower-case country fr", { country: "fr" }, "INVALID_EVENT", "country"],
    ["mixed-case country Fr", { country: "Fr" }, "INVALID_EVENT", "country"],
    ["unassigned country XX", { country: "XX" }, "INVALID_EVENT", "country"],
    ["reserved country EU", { country: "EU" }, "INVALID_EVENT", "country"],
    ["reserved country UK", { country: "UK" }, "INVALID_EVENT", "country"],
    ["alpha-3 country FRA", { country: "FRA" }, "INVALID_EVENT", "country"],
    ["empty country", { country: "" }, "INVALID_EVENT", "country"],
    ["a number as country", { country: 250 }, "INVALID_EVENT", "country"],
    ["21 tags", { tags: tooMany }, "OUT_OF_RANGE", "tags"],
    ["a 41-character tag", { tags: ["ok", "A".repeat(41)] }, "INVALID_EVENT", "tags.1"],
    ["an empty tag", { tags: [""] }, "INVALID_EVENT", "tags.0"],
    ["a tag with a space", { tags: ["VIP GOLD"] }, "INVALID_EVENT", "tags.0"],
    ["a tag with a NUL", { tags: ["VIP\u0000"] }, "INVALID_EVENT", "tags.0"],
    ["a tag with a lone surrogate", { tags: ["VIP\ud800"] }, "INVALID_EVENT", "tags.0"],
    ["a unicode tag", { tags: ["café"] }, "INVALID_EVENT", "tags.0"],
    ["a tag that is a number", { tags: [7] }, "INVALID_EVENT", "tags.0"],
    ["tags as a string", { tags: "VIP" }, "INVALID_EVENT", "tags"],
    ["tags null", { tags: null }, "INVALID_EVENT", "tags"],
  ];

  it.each(BAD)("%s: that event alone is rejected, the others in its batch apply, nothing of it is written", async (_name, bad, code, field) => {
    const [before, after, existing, fresh] = [uniqueId(), uniqueId(), uniqueId(), uniqueId()];
    await send([userEvent(existing, 0, { country: "DE", tags: ["KEEP"] })]);

    const results = await send([
      userEvent(before, 1, { country: "FR", tags: ["A"] }),
      // The bad value beside a change that would apply (username, a valid country or tags): none of it is stored.
      userEvent(existing, 1, { username: `changed_${existing}`, country: "IT", tags: ["CHANGED"], ...bad }),
      userEvent(fresh, 1, { country: "ES", tags: ["NEW"], ...bad }),
      userEvent(after, 1, { country: "PT", tags: ["B"] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["applied", "rejected", "rejected", "applied"]);
    for (const r of [results[1], results[2]]) {
      expect(r.error?.code).toBe(code);
      expect(r.error?.message.startsWith(`${field}:`)).toBe(true);
    }
    expect(results[1].id).toBe(existing);

    expect(await stored(existing)).toEqual({ username: `tgt_${existing}`, country: "DE", tags: ["KEEP"] });
    expect(await stored(fresh)).toBeNull();
    expect(await stored(before)).toMatchObject({ country: "FR", tags: ["A"] });
    expect(await stored(after)).toMatchObject({ country: "PT", tags: ["B"] });
  });
});
