// Which address a request came from, for the sign-in limits (SPEC §7). X-Forwarded-For is written
// by whoever sent the request: only the entries appended by proxies we run can be believed. Each
// proxy appends the address it saw, so with `trustedHops` proxies in front the client is the entry
// that many places left of the socket's address; everything further left is the client's own claim.

export type TAddressSources = {
  /** The X-Forwarded-For header as received (one or more comma-separated entries), if any. */
  forwardedFor?: string | null;
  /** The TCP peer of this request; null when the server could not tell. */
  peer: string | null;
  /** How many proxies in front of the app may be believed (TRUSTED_PROXY_HOPS). */
  trustedHops: number;
};

export const UNKNOWN_ADDRESS = "unknown";

// Long enough for any IPv6 literal with a zone; a longer "address" is a made-up one.
const MAX_ADDRESS_LENGTH = 64;

export function clientAddress({ forwardedFor, peer, trustedHops }: TAddressSources): string {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  chain.push(peer || UNKNOWN_ADDRESS);
  // Fewer entries than trusted hops means the request skipped a proxy; the leftmost is then the best
  // guess (and no worse than what that client could claim anyway).
  const entry = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return entry.slice(0, MAX_ADDRESS_LENGTH);
}
