// Text that PostgreSQL can't store or that no honest client sends: a NUL character (text columns
// refuse it) or a lone UTF-16 surrogate (not a character at all; it would be stored as U+FFFD).

/** True when the string holds a NUL or a lone surrogate. */
export function isUnsafeText(value: string): boolean {
  return value.includes("\u0000") || !value.isWellFormed();
}

/**
 * The path of the first unsafe string (a value or a key) anywhere in a parsed JSON value, or null.
 * Walks iteratively, so a deeply nested body can't exhaust the stack.
 */
export function findUnsafeText(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, ""]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      if (isUnsafeText(value)) return path || "body";
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, path ? `${path}.${i}` : String(i)]));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        const at = path ? `${path}.${k}` : k;
        if (isUnsafeText(k)) return at;
        stack.push([v, at]);
      }
    }
  }
  return null;
}
