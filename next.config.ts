import type { NextConfig } from "next";

import { API_HEADERS, COMMON_SECURITY_HEADERS } from "./lib/domain/auth/security-headers";

const nextConfig: NextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "@prisma/adapter-pg", "pino"],
  poweredByHeader: false,
  // No gzip in the app: the load balancer or reverse proxy in front compresses (docs/scaling.md).
  // Next's compression gzipped every API answer, a few hundred bytes of an event's result, at more
  // CPU than the rest of a single-event request (measured: ~0.7 ms a response, a quarter of the
  // server's time at 16 clients), and it can't be turned off per path.
  compress: false,
  // SPEC §7. The pages' Content-Security-Policy needs a fresh nonce per request, so proxy.ts sets it;
  // these are the same for every response.
  async headers() {
    return [
      { source: "/:path*", headers: [...COMMON_SECURITY_HEADERS] },
      { source: "/api/:path*", headers: [...API_HEADERS] },
    ];
  },
};

export default nextConfig;
