// Runs before every page: the per-request CSP nonce (SPEC §7), and the signed-out redirect for
// back-office pages. The redirect only looks at the session cookie (cheap); the real check — role,
// disabled flag, session version — runs on the server in every page and action (lib/server/auth/guards).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

import { contentSecurityPolicy } from "@/lib/domain/auth/security-headers";
import { env } from "@/lib/env";
import { findUnsafeText, isUnsafeText } from "@/lib/schemas/text";

// "/icon.svg": the app icon (app/icon.svg), requested by the sign-in page too.
const PUBLIC_PREFIXES = ["/sign-in", "/api/", "/_next/", "/favicon", "/icon.svg", "/robots.txt"];

export async function proxy(request: NextRequest) {
  // SPEC §7: a URL that can't be text (malformed percent-encoding, a NUL, a lone surrogate) is a
  // client's mistake — a 400 here, never a page that fails inside the database.
  if (request.nextUrl.pathname.startsWith("/api/")) {
    // The API's error shape; anything that decodes goes on to its route untouched.
    if (isTextUrl(request.nextUrl)) return NextResponse.next();
    return NextResponse.json(
      { error: { code: "NOT_FOUND", message: "Nothing is at this path: it is not valid text." } },
      { status: 404, headers: { "x-request-id": crypto.randomUUID() } },
    );
  }
  if (!isTextUrl(request.nextUrl)) return new NextResponse("Bad request: the address is not valid text.", { status: 400 });
  // Next reads the nonce out of the request's CSP header and puts it on its own scripts; x-nonce is
  // for our components (next-themes' inline script). Both overwrite whatever the client sent.
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy({ nonce, isDev: env().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);

  const response = (await isSignedOutOfBackOffice(request))
    ? NextResponse.redirect(signInUrl(request))
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

function isTextUrl(url: URL): boolean {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  return !isUnsafeText(path) && findUnsafeText([...url.searchParams]) === null;
}

async function isSignedOutOfBackOffice(request: NextRequest): Promise<boolean> {
  if (PUBLIC_PREFIXES.some((p) => request.nextUrl.pathname.startsWith(p))) return false;
  return !(await getToken({ req: request, secret: env().NEXTAUTH_SECRET }));
}

function signInUrl(request: NextRequest): URL {
  const { pathname, search } = request.nextUrl;
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("callbackUrl", pathname + search);
  return url;
}

export const config = {
  // The API authenticates itself (tokens, keys) and renders no HTML; next.config.ts gives it its
  // headers. Static files carry no script to protect. API paths holding a percent sign come here
  // only to be checked: Next answers a 500 of its own for one it can't decode.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)", "/api/:path((?:.*)%(?:.*))"],
};
