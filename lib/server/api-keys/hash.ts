import "server-only";

import { createHash } from "node:crypto";

/** API keys are stored as their SHA-256 (they are long random strings, so no slow hash is needed). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
