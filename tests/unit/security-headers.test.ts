import { describe, expect, it } from "vitest";

import { contentSecurityPolicy } from "@/lib/domain/auth/security-headers";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("the pages' Content-Security-Policy (SPEC §7)", () => {
  it("runs scripts only with the nonce, in production without eval, and can't be framed", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123", isDev: false }));
    expect(csp["script-src"]).toContain("'nonce-abc123'");
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["script-src"]).not.toContain("'unsafe-eval'");
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
  });

  it("allows eval in development only (React's dev build needs it)", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", isDev: true }))["script-src"]).toContain("'unsafe-eval'");
  });
});
