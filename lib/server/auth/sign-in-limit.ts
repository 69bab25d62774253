import "server-only";

import { clientAddress } from "@/lib/domain/auth/client-address";
import { env } from "@/lib/env";
import { peerAddress } from "@/lib/server/auth/peer-address";
import { hitRateLimit, releaseRateLimit } from "@/lib/server/rate-limit";

type THeaders = Record<string, string | string[] | undefined> | undefined;

// SPEC §3/§7: 5 failures per 15 minutes per email and address, and whatever the address (a client
// can have many), 20 per hour per email.
export const SIGN_IN_LIMITS = [
  { scope: "address", limit: 5, windowSeconds: 15 * 60 },
  { scope: "email", limit: 20, windowSeconds: 60 * 60 },
] as const;

/** The address a sign-in attempt is counted against (lib/domain/auth/client-address). */
export function requestAddress(headers: THeaders): string {
  const forwarded = headers?.["x-forwarded-for"];
  return clientAddress({
    forwardedFor: Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    peer: peerAddress(headers),
    trustedHops: env().TRUSTED_PROXY_HOPS,
  });
}

/**
 * Counts one password check against every limit before it runs (atomically, so a burst can't slip
 * past); a correct password gives the hits back, so only failures add up. Sign-in and the
 * change-password form share the counters: both are a guess at the password.
 */
export async function countSignInAttempt({ email, address, now = new Date() }: { email: string; address: string; now?: Date }) {
  const keys = SIGN_IN_LIMITS.map((l) => ({
    ...l,
    key: l.scope === "email" ? `signin:email:${email}` : `signin:address:${email}:${address}`,
  }));
  const hits = await Promise.all(keys.map((k) => hitRateLimit(k.key, k.limit, k.windowSeconds, undefined, now)));
  return {
    allowed: hits.every((h) => h.allowed),
    release: async () => {
      await Promise.all(keys.map((k) => releaseRateLimit(k.key, k.windowSeconds, now)));
    },
  };
}
