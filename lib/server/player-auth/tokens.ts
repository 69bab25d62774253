import "server-only";

import { createSecretKey, type KeyObject } from "node:crypto";

import { SignJWT, jwtVerify } from "jose";

import { PLAYER_JWT_ALG } from "@/lib/domain/auth/player-token";
import { env } from "@/lib/env";
import { ZInt4Id } from "@/lib/schemas/ids";

// One KeyObject per secret: jose imports a raw Uint8Array afresh on every verify, a cost on each request.
let cachedKey: { secret: string; key: KeyObject } | null = null;
function key(): KeyObject {
  const secret = env().PLAYER_JWT_SECRET;
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createSecretKey(Buffer.from(secret, "utf8")) };
  return cachedKey.key;
}

/** Signs a player token the way the casino platform does (for tools and tests). */
export async function signPlayerToken(userId: number, ttlSeconds = 3600): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: PLAYER_JWT_ALG, typ: "JWT" })
    .setSubject(String(userId))
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key());
}

/** Verifies a player token; returns the user id, or null for anything not valid (wrong alg, no exp, …). */
export async function verifyPlayerToken(token: string): Promise<number | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: [PLAYER_JWT_ALG], requiredClaims: ["exp", "sub"] });
    const id = Number(payload.sub);
    // A user id is an int4: anything larger can't be a player (and must not reach SQL as an int).
    return ZInt4Id.safeParse(id).success && String(id) === payload.sub ? id : null;
  } catch {
    return null;
  }
}
