// Runs once when the Next server starts, before it answers a request.
export async function register() {
  // Next inlines NEXT_RUNTIME at build time; the Edge build must not import node: modules.
  // eslint-disable-next-line no-restricted-properties -- not configuration: a build-time constant
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampPeerAddresses } = await import("@/lib/server/auth/peer-address");
    stampPeerAddresses();
  }
}
