// The signed-out redirect for back-office pages. It only looks at the session cookie (cheap); the real
// check — role, disabled flag — runs on the server in every page and action (lib/server/auth/guards).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

import { env } from "@/lib/env";

const PUBLIC_PREFIXES = ["/sign-in", "/api/", "/_next/", "/favicon", "/robots.txt"];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return NextResponse.next();
  const token = await getToken({ req: request, secret: env().NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(signIn);
}

export const config = {
  // The API authenticates itself (tokens, keys); the proxy would only add latency there.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
