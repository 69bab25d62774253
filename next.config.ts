import type { NextConfig } from "next";

import { API_HEADERS, COMMON_SECURITY_HEADERS } from "./lib/domain/auth/security-headers";

const nextConfig: NextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "@prisma/adapter-pg", "pino"],
  poweredByHeader: false,
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
