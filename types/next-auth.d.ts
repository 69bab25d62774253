import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: string; sessionVersion: number; name?: string | null; email?: string | null };
  }
  interface User {
    role?: string;
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: string;
    /** The user's sessionVersion at sign-in (lib/server/auth/guards refuses a stale one). */
    sessionVersion?: number;
  }
}
