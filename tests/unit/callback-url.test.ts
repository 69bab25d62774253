import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { safeCallbackPath } from "@/lib/domain/auth/callback-url";

const ORIGIN = "https://backoffice.example";

// Where a browser on the app goes when told to navigate to `path`.
const landsOn = (path: string) => new URL(path, ORIGIN);

describe("safeCallbackPath: after sign-in, only paths of this app (SPEC §7)", () => {
  it.each([
    "/\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    " //evil.example",
    "https://evil.example/",
    "http:evil.example", // another scheme: parsed as http://evil.example
    "http://backoffice.example/", // another scheme is another origin
    "https://backoffice.example.evil.example/",
    "https://backoffice.example@evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
  ])("%j goes home", (attack) => {
    expect(safeCallbackPath(attack, ORIGIN)).toBe("/");
  });

  it("`/.//evil.example` keeps the path but can't be read as another host", () => {
    const path = safeCallbackPath("/.//evil.example", ORIGIN);
    expect(path).toBe("/evil.example");
    expect(landsOn(path).origin).toBe(ORIGIN);
  });

  it.each([
    ["/", "/"],
    ["/promo-codes", "/promo-codes"],
    ["/promo-codes?status=active#top", "/promo-codes?status=active#top"],
    ["/players/42", "/players/42"],
    ["promo-codes", "/promo-codes"],
    [`${ORIGIN}/audit-log?page=2`, "/audit-log?page=2"],
  ])("%j → %j", (value, expected) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(expected);
  });

  it("nothing or garbage goes home", () => {
    expect(safeCallbackPath(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackPath("", ORIGIN)).toBe("/");
    expect(safeCallbackPath("http://[::1", ORIGIN)).toBe("/");
  });

  it("whatever the input, the answer is a path that stays on the app's origin", () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom("/", "\\", "\t", "\n", "\r", " ", ".", ":", "@", "%", "e", "x", "?", "#") }),
      fc.webUrl(),
      fc.tuple(fc.constantFrom("/", "//", "/\\", "\\", "/\t", "https:"), fc.domain()).map(([p, d]) => p + d),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        const path = safeCallbackPath(value, ORIGIN);
        expect(path.startsWith("/")).toBe(true);
        expect(path.startsWith("//")).toBe(false);
        expect(landsOn(path).origin).toBe(ORIGIN);
      }),
      { numRuns: 2000 },
    );
  });
});
