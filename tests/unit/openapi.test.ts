import { describe, expect, it } from "vitest";

import { ERROR_STATUS } from "@/lib/domain/errors";
import { openApiDocument } from "@/lib/api/openapi";
import { MAX_BATCH } from "@/lib/schemas/api/events";
import { MARKETING_EVENT_TYPES, PING_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from "@/lib/schemas/webhooks";

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
        "/api/v1/events/grants",
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

  it("documents grants like the other events, with the promo named one way and the result's claimId", () => {
    const op = doc.paths["/api/v1/events/grants"].post;
    expect(op).toMatchObject({ operationId: "ingestGrants", tags: ["Platform"], security: [{ apiKey: [] }] });
    expect(op.tags).toEqual(doc.paths["/api/v1/events/bets"].post.tags);
    expect(Object.keys(op.responses)).toEqual(["200", "400", "401", "405", "413", "415", "429", "503"]);
    expect(op.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/EventResults" });
    const body = op.requestBody.content["application/json"];
    const batch = body.schema.oneOf.find((s: TJson) => s.required?.includes("events"));
    expect(batch.properties.events).toMatchObject({ maxItems: MAX_BATCH, items: { anyOf: expect.arrayContaining([{ $ref: "#/components/schemas/GrantEvent" }]) } });
    expect(body.examples.batch.value.events.some((e: TJson) => e.code) && body.examples.batch.value.events.some((e: TJson) => e.promoCodeId)).toBe(true);
    for (const code of ["GRANT_LIMIT", "UNKNOWN_USER", "PROMO_NOT_FOUND", "ID_CONFLICT", "ALREADY_CLAIMED", "ACTIVE_BONUS_EXISTS"]) expect(op.description).toContain(code);
    const grant = doc.components.schemas.GrantEvent;
    expect(grant).toMatchObject({ type: "object", required: ["id", "userId"] });
    expect(grant.properties.promoCodeId).toMatchObject({ type: "string", format: "uuid" });
    expect(grant.oneOf.map((s: TJson) => s.required)).toEqual([["promoCodeId"], ["code"]]);
    expect(doc.components.schemas.EventResults.properties.results.items.properties.claimId).toMatchObject({ type: "string" });
  });

  it("describes every webhook event type (and the ping) under `webhooks`, from the zod payload schemas", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES, PING_EVENT_TYPE].sort());
    const ids = new Set<string>();
    for (const type of [...WEBHOOK_EVENT_TYPES, PING_EVENT_TYPE]) {
      const op = doc.webhooks[type].post;
      expect(op, type).toBeTruthy();
      ids.add(op.operationId);
      expect(op.tags).toEqual(["Webhooks"]);
      // The three Standard Webhooks headers, required.
      const headers = op.parameters.map((p: TJson) => doc.components.parameters[p.$ref.split("/").pop()]);
      expect(headers.map((h: TJson) => [h.name, h.in, h.required])).toEqual([
        ["webhook-id", "header", true],
        ["webhook-timestamp", "header", true],
        ["webhook-signature", "header", true],
      ]);
      expect(Object.keys(op.responses)).toContain("2XX");
      // The body: the payload schema for this type, `type` pinned, every `data` field required.
      const ref = op.requestBody.content["application/json"].schema.$ref as string;
      const payload = doc.components.schemas[ref.split("/").pop()!];
      expect(payload, type).toMatchObject({ type: "object", required: ["type", "timestamp", "data"], properties: { type: { const: type } } });
      expect(payload.properties.data.required.length, type).toBeGreaterThan(0);
      if (type !== PING_EVENT_TYPE) expect(payload.properties.data.required, type).toContain("userId");
      const example = Object.values(op.requestBody.content["application/json"].examples as TJson)[0].value;
      expect(example.type).toBe(type);
      expect(Object.keys(example.data).sort(), type).toEqual(Object.keys(payload.properties.data.properties).sort());
      expect(op.description.includes("Marketing"), type).toBe((MARKETING_EVENT_TYPES as readonly string[]).includes(type));
    }
    expect(ids.size).toBe(WEBHOOK_EVENT_TYPES.length + 1);
    expect(doc.webhooks["bonus.progress"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/BonusProgressWebhook" });
    expect(doc.components.schemas.BonusProgressWebhook.properties.data.properties).toHaveProperty("threshold");
    expect(doc.components.parameters.WebhookSignature.description).toMatch(/whsec_/);
  });
});
