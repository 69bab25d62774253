// What an audit row changed: the top-level fields whose JSON differs between before and after.
// Bookkeeping fields that change on every write are left out so the diff shows the decision.

export type TFieldChange = { field: string; before: string | null; after: string | null };

const NOISE = new Set(["updatedAt"]);

function show(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function auditDiff(before: unknown, after: unknown): TFieldChange[] {
  const b = before && typeof before === "object" && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === "object" && !Array.isArray(after) ? (after as Record<string, unknown>) : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !NOISE.has(f));
  return fields
    .filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
    .map((f) => ({ field: f, before: show(b[f]), after: show(a[f]) }));
}
