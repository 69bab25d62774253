import "server-only";

import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { isOperatorRole } from "@/lib/domain/auth/permissions";
import { env } from "@/lib/env";
import { ZSignInInput } from "@/lib/schemas/auth";
import { db } from "@/lib/server/db";
import { verifyPassword } from "@/lib/server/auth/password";
import { hitRateLimit, releaseRateLimit } from "@/lib/server/rate-limit";

export const SIGN_IN_LIMIT = 5;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

// A hash of a random password, so unknown emails cost as much time as known ones.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$cZl5Tzj+CVZ5Wsc0Iqi90A$qeiYoI+YoNKVv6SgmEjhRgIE5sKlO3jCMkd/mEXyCcM";

function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (Array.isArray(real) ? real[0] : real) || "unknown";
}

export function authOptions(): NextAuthOptions {
  const { NEXTAUTH_SECRET, SESSION_MAX_AGE_SECONDS } = env();
  return {
    secret: NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const parsed = ZSignInInput.safeParse(credentials);
          if (!parsed.success) return null;
          const email = parsed.data.email.toLowerCase();
          // Count the attempt first (atomically); a good password gives the hit back.
          const key = `signin:${email}:${clientAddress(req?.headers)}`;
          const limit = await hitRateLimit(key, SIGN_IN_LIMIT, SIGN_IN_WINDOW_SECONDS);
          if (!limit.allowed) throw new Error("RATE_LIMITED");

          const user = await db.user.findUnique({ where: { email } });
          const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
          if (!user || !ok || !isOperatorRole(user.role)) return null;
          if (user.disabled) throw new Error("DISABLED");
          await releaseRateLimit(key, SIGN_IN_WINDOW_SECONDS);
          return { id: String(user.id), email: user.email, name: user.username, role: user.role };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.role = (user as { role?: string }).role;
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub ?? "";
          session.user.role = typeof token.role === "string" ? token.role : "";
        }
        return session;
      },
    },
  };
}
