import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";

import { activeSecrets, generateWebhookSecret, signatureHeader } from "@/lib/server/webhooks/signing";

// Standard Webhooks signatures (SPEC §2): what Rollover sends must be what any of the
// specification's verifiers accepts.

// The test vector published with the Standard Webhooks specification (and used by its libraries' tests).
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  msgId: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: new Date(1614265330 * 1000),
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

const headers = (msgId: string, at: Date, signature: string) => ({
  "webhook-id": msgId,
  "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
  "webhook-signature": signature,
});

describe("webhook signing", () => {
  it("reproduces the specification's test vector", () => {
    expect(signatureHeader([VECTOR.secret], VECTOR.msgId, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it("makes secrets in Standard Webhooks' format: whsec_ + base64 of 24 random bytes", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(a.slice("whsec_".length), "base64")).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it("signs so that the standardwebhooks verifier accepts, and refuses a changed body or id", () => {
    const secret = generateWebhookSecret();
    const now = new Date();
    const body = JSON.stringify({ type: "claim.created", timestamp: now.toISOString(), data: { userId: 1, note: "é ✓ 🎰" } });
    const sig = signatureHeader([secret], "msg_abc", now, body);
    expect(new Webhook(secret).verify(body, headers("msg_abc", now, sig))).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace("1", "2"), headers("msg_abc", now, sig))).toThrow();
    expect(() => new Webhook(secret).verify(body, headers("msg_abd", now, sig))).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers("msg_abc", now, sig))).toThrow();
  });

  it("during a rotation sends one signature per secret, and each secret verifies", () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const now = new Date();
    const body = '{"type":"ping"}';
    const sig = signatureHeader([current, previous], "msg_rot", now, body);
    expect(sig.split(" ")).toHaveLength(2);
    expect(sig.split(" ").every((s) => s.startsWith("v1,"))).toBe(true);
    for (const secret of [current, previous]) expect(() => new Webhook(secret).verify(body, headers("msg_rot", now, sig))).not.toThrow();
  });

  it("the previous secret signs only until it expires", () => {
    const now = new Date("2026-12-08T12:00:00Z");
    const later = new Date(now.getTime() + 1000);
    const earlier = new Date(now.getTime() - 1000);
    expect(activeSecrets({ secret: "a", previousSecret: "b", previousSecretExpiresAt: later }, now)).toEqual(["a", "b"]);
    expect(activeSecrets({ secret: "a", previousSecret: "b", previousSecretExpiresAt: earlier }, now)).toEqual(["a"]);
    expect(activeSecrets({ secret: "a", previousSecret: "b", previousSecretExpiresAt: now }, now)).toEqual(["a"]);
    expect(activeSecrets({ secret: "a", previousSecret: null, previousSecretExpiresAt: null }, now)).toEqual(["a"]);
  });
});
