import { describe, expect, it } from "vitest";

import { clientAddress } from "@/lib/domain/auth/client-address";

describe("clientAddress: the address a sign-in is counted against (SPEC §7)", () => {
  it("with no trusted proxy, is the socket's whatever X-Forwarded-For claims", () => {
    for (const forwardedFor of [undefined, "", "1.1.1.1", "1.1.1.1, 2.2.2.2", "  ,, "]) {
      expect(clientAddress({ forwardedFor, peer: "203.0.113.7", trustedHops: 0 })).toBe("203.0.113.7");
    }
  });

  it("behind one proxy, is the entry that proxy appended (the rightmost), not the client's own", () => {
    expect(clientAddress({ forwardedFor: "6.6.6.6, 198.51.100.9", peer: "10.0.0.2", trustedHops: 1 })).toBe("198.51.100.9");
    expect(clientAddress({ forwardedFor: "7.7.7.7, 198.51.100.9", peer: "10.0.0.2", trustedHops: 1 })).toBe("198.51.100.9");
    expect(clientAddress({ forwardedFor: "198.51.100.9", peer: "10.0.0.2", trustedHops: 1 })).toBe("198.51.100.9");
  });

  it("behind two proxies, counts two hops from the right", () => {
    expect(clientAddress({ forwardedFor: "6.6.6.6,198.51.100.9,10.0.0.1", peer: "10.0.0.2", trustedHops: 2 })).toBe("198.51.100.9");
  });

  it("a request that skipped the proxies falls back to the leftmost entry", () => {
    expect(clientAddress({ forwardedFor: undefined, peer: "203.0.113.7", trustedHops: 2 })).toBe("203.0.113.7");
  });

  it("without a known socket address, is one shared 'unknown' (never the client's claim)", () => {
    expect(clientAddress({ forwardedFor: "1.1.1.1", peer: null, trustedHops: 0 })).toBe("unknown");
  });

  it("caps a made-up huge entry", () => {
    expect(clientAddress({ forwardedFor: "x".repeat(5000), peer: "10.0.0.2", trustedHops: 1 })).toHaveLength(64);
  });
});
