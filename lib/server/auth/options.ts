import "server-only";

import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { env } from "@/lib/env";
import { authorizeCredentials } from "@/lib/server/auth/sign-in";

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
        authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers),
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.role = user.role;
          // The user row's sessionVersion at sign-in: a password change or reset bumps the row, and
          // the guards then refuse this token (lib/server/auth/guards).
          token.sessionVersion = user.sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub ?? "";
          session.user.role = token.role ?? "";
          // A token from before session versions is at version 0, as every row started.
          session.user.sessionVersion = token.sessionVersion ?? 0;
        }
        return session;
      },
    },
  };
}
