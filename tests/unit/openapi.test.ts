import { describe, expect, it } from "vitest";

import { openApiDocument } from "@/lib/api/openapi";

describe("OpenAPI document", () => {
  it("describes every endpoint of SPEC §4 with schemas from zod", () => {
    const doc = openApiDocument("http://localhost:3000");
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/v1/credits",
        "/api/v1/events/bets",
        "/api/v1/events/deposits",
        "/api/v1/events/games",
        "/api/v1/events/users",
        "/api/v1/me/promo-codes",
        "/api/v1/me/promo-codes/{id}/cancel",
        "/api/v1/promo-codes",
        "/api/v1/promo-codes/claim",
        "/api/v1/leaderboards",
        "/api/v1/leaderboards/{id}",
        "/api/v1/challenges",
        "/api/v1/me/affiliate",
        "/api/v1/me/affiliate/claim",
      ].sort(),
    );
    const claim = doc.paths["/api/v1/promo-codes/claim"].post;
    expect(claim.requestBody.content["application/json"].schema).toMatchObject({
      type: "object",
      required: ["code"],
      additionalProperties: false,
    });
    expect(Object.keys(claim.responses)).toEqual(expect.arrayContaining(["201", "403", "404", "409", "410"]));
    expect(JSON.stringify(doc)).toContain("payoutMultiplier");
  });
});
