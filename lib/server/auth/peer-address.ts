// The socket address of each request, for the sign-in limits. Next gives route handlers and the proxy
// no socket: `next start` only fills X-Forwarded-For with it when the client sent none, so a client
// that sends one hides its address. Node publishes every incoming request on the
// "http.server.request.start" diagnostics channel before the server (Next) sees it; stamping the
// peer address into a header of our own there overwrites whatever the client put in that header.
// (No "server-only" import: instrumentation.ts loads this outside React's server build.)
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

export const PEER_ADDRESS_HEADER = "x-rollover-peer-address";

// On globalThis, not in this module: instrumentation and the route handlers are separate bundles
// that share the process but not module instances.
const STAMPING = Symbol.for("rollover.peer-address-stamping");
type TGlobal = { [STAMPING]?: boolean };

/** Subscribes once per process; called from instrumentation.ts at server start. */
export function stampPeerAddresses() {
  const g = globalThis as TGlobal;
  if (g[STAMPING]) return;
  g[STAMPING] = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
}

/**
 * The stamped header, or null when this process doesn't stamp it: then the header, if any, is the
 * client's own and must not be believed.
 */
export function peerAddress(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  if (!(globalThis as TGlobal)[STAMPING]) return null;
  const value = headers?.[PEER_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value) || null;
}
