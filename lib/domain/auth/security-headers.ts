// The browser-side rules for every page (SPEC §7). Scripts run only with this response's nonce
// ('strict-dynamic' lets the scripts Next loads with it load their chunks); styles may be inline
// because React, Radix and the charts set style attributes, which a nonce can't cover, and a style
// can't run code. Nothing may frame the back office.

export function contentSecurityPolicy({ nonce, isDev }: { nonce: string; isDev: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates server error stacks; production never needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries, pages and API alike. */
export const COMMON_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // frame-ancestors' twin for browsers that predate it.
  { key: "X-Frame-Options", value: "DENY" },
  // The back office uses none of these; a script that got in can't either.
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
] as const;

/** The API's answers are per caller (player data, keys): no browser or proxy may keep them. */
export const API_HEADERS = [{ key: "Cache-Control", value: "no-store" }] as const;
