import { describe, expect, it } from "vitest";

import { loadEnv } from "@/lib/env";

const good = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
  NEXTAUTH_SECRET: "a".repeat(32),
  PLAYER_JWT_SECRET: "b".repeat(32),
};

describe("environment validation", () => {
  it("accepts a complete environment and fills defaults", () => {
    const env = loadEnv(good);
    expect(env.BUSINESS_TIME_ZONE).toBe("UTC");
    expect(env.AFFILIATE_COMMISSION_RATE).toBe("0.25");
    expect(env.RATE_LIMIT_CLAIMS_PER_MINUTE).toBe(10);
  });

  it.each([
    [{ ...good, DATABASE_URL: undefined }, "Invalid environment: DATABASE_URL is missing"],
    [{ ...good, DATABASE_URL: "mysql://x" }, "Invalid environment: DATABASE_URL must be a postgresql:// URL"],
    [{ ...good, NEXTAUTH_SECRET: "short" }, "Invalid environment: NEXTAUTH_SECRET must be at least 32 characters"],
    [{ ...good, PLAYER_JWT_SECRET: "" }, "Invalid environment: PLAYER_JWT_SECRET is missing"],
    [{ ...good, BUSINESS_TIME_ZONE: "Mars/Olympus" }, "Invalid environment: BUSINESS_TIME_ZONE must be an IANA time zone"],
    [{ ...good, AFFILIATE_COMMISSION_RATE: "1.5" }, "Invalid environment: AFFILIATE_COMMISSION_RATE must be a decimal between 0 and 1"],
  ])("stops with one line naming the bad variable (%#)", (source, message) => {
    expect(() => loadEnv(source)).toThrow(message);
    try {
      loadEnv(source);
    } catch (error) {
      expect((error as Error).message.split("\n")).toHaveLength(1);
    }
  });
});
