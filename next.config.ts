import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "@prisma/adapter-pg", "pino"],
  poweredByHeader: false,
};

export default nextConfig;
