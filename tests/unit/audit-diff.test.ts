import { describe, expect, it } from "vitest";

import { auditDiff } from "@/lib/domain/audit/diff";

describe("audit diff", () => {
  it("lists only the fields that changed, with nested values as JSON", () => {
    expect(
      auditDiff(
        { role: "SUPPORT", disabled: false, name: "Sam", config: { a: 1 }, updatedAt: "x" },
        { role: "ADMIN", disabled: false, name: "Sam", config: { a: 2 }, updatedAt: "y" },
      ),
    ).toEqual([
      { field: "role", before: "SUPPORT", after: "ADMIN" },
      { field: "config", before: '{"a":1}', after: '{"a":2}' },
    ]);
  });
  it("a create has no before; a field that appears or disappears shows as null on one side", () => {
    expect(auditDiff(null, { id: "X", rate: "0.3" })).toEqual([
      { field: "id", before: null, after: "X" },
      { field: "rate", before: null, after: "0.3" },
    ]);
    expect(auditDiff({ reason: "abuse" }, {})).toEqual([{ field: "reason", before: "abuse", after: null }]);
  });
});
