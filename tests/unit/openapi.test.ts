import { describe, expect, it } from "vitest";

import { ERROR_STATUS } from "@/lib/domain/errors";
import { openApiDocument } from "@/lib/api/openapi";

type TJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walks an arbitrary JSON document

describe("OpenAPI document", () => {
  const doc = openApiDocument() as unknown as TJson;
  const operations = Object.entries(doc.paths as TJson).flatMap(([path, ops]) =>
    Object.entries(ops as TJson).map(([method, op]) => ({ path, method, op: op as TJson })),
  );

  it("describes every endpoint of SPEC §4 with schemas from zod", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/v1/credits",
        "/api/v1/events/bets",
        "/api/v1/events/bet-rollbacks",
        "/api/v1/events/deposits",
        "/api/v1/events/games",
        "/api/v1/events/users",
        "/api/v1/events/withdrawals",
        "/api/v1/players/{id}/bonus-status",
        "/api/v1/me/promo-codes",
        "/api/v1/me/promo-codes/{id}/cancel",
        "/api/v1/promo-codes",
        "/api/v1/promo-codes/claim",
        "/api/v1/leaderboards",
        "/api/v1/leaderboards/{id}",
        "/api/v1/challenges",
        "/api/v1/me/affiliate",
        "/api/v1/me/affiliate/claim",
        "/api/v1/openapi.json",
      ].sort(),
    );
    const claim = doc.paths["/api/v1/promo-codes/claim"].post;
    expect(claim.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ClaimRequest" });
    expect(doc.components.schemas.ClaimRequest).toMatchObject({ type: "object", required: ["code"], additionalProperties: false });
    expect(Object.keys(claim.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "404", "409", "410", "413", "415", "429", "503"]));
    expect(JSON.stringify(doc)).toContain("payoutMultiplier");
  });

  it("names and tags every operation, has a license and a relative server", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { op } of operations) expect(op.tags).toHaveLength(1);
    expect(doc.info.license.name).toBeTruthy();
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
  });

  it("gives every 200/201 a body schema and every request body examples", () => {
    for (const { path, method, op } of operations) {
      const ok = op.responses["200"] ?? op.responses["201"];
      expect(ok?.content?.["application/json"]?.schema, `${method} ${path}`).toBeTruthy();
      if (op.requestBody) expect(Object.keys(op.requestBody.content["application/json"].examples ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
    }
    expect(doc.paths["/api/v1/me/promo-codes/{id}/cancel"].post.requestBody).toMatchObject({ required: false });
  });

  it("declares the shared answers with their headers, and the error codes exist", () => {
    const { responses, headers, schemas } = doc.components;
    expect(responses.MethodNotAllowed.headers).toHaveProperty("Allow");
    expect(responses.RateLimited.headers).toHaveProperty("Retry-After");
    expect(responses.ServiceUnavailable.headers).toHaveProperty("Retry-After");
    expect(headers.RequestId.required).toBe(true);
    expect(schemas.Error.properties.error.properties).toHaveProperty("details");
    for (const { op } of operations) {
      expect(op.responses["405"]).toEqual({ $ref: "#/components/responses/MethodNotAllowed" });
      for (const r of Object.values(op.responses as TJson)) if (!r.$ref) expect(r.headers).toHaveProperty("x-request-id");
    }
    const codes = new Set(JSON.stringify(doc).match(/"enum":\["[A-Z_]+"(,"[A-Z_]+")*\]/g)?.flatMap((e) => JSON.parse(`{${e}}`).enum) ?? []);
    for (const code of ["UNSUPPORTED_MEDIA_TYPE", "SERVICE_UNAVAILABLE", "NOT_FOUND", "PLAYER_NOT_FOUND"]) expect(codes).toContain(code);
    expect(ERROR_STATUS.UNSUPPORTED_MEDIA_TYPE).toBe(415);
  });

  it("documents the events envelope strictly and each event permissively", () => {
    const body = doc.paths["/api/v1/events/bets"].post.requestBody.content["application/json"].schema;
    const batch = body.oneOf.find((s: TJson) => s.required?.includes("events"));
    expect(batch).toMatchObject({ additionalProperties: false, properties: { events: { type: "array", minItems: 1, maxItems: 1000 } } });
    // An item that isn't a valid bet is rejected alone, so a validating gateway must not refuse the batch for it.
    expect(batch.properties.events.items.anyOf).toContainEqual({ $ref: "#/components/schemas/BetEvent" });
    expect(batch.properties.events.items.anyOf.some((s: TJson) => !s.$ref && !s.type)).toBe(true);
  });
});
