import "server-only";

import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's baseline for interactive logins.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A one-time password for a new or reset operator: 16 characters, no look-alikes. */
export function generateOneTimePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
