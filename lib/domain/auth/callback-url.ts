// Where to go after signing in (SPEC §7: only paths of this app). Prefix checks on the raw string
// miss what browsers do to it: `/\evil.example` and `/<TAB>/evil.example` both become
// `//evil.example`, another site. So the value is parsed the way the browser will parse it, against
// the app's own origin, and kept only when it stays on that origin.

export const DEFAULT_CALLBACK = "/";

export function safeCallbackPath(value: string | null | undefined, origin: string): string {
  if (!value) return DEFAULT_CALLBACK;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return DEFAULT_CALLBACK;
  }
  if (url.origin !== base.origin) return DEFAULT_CALLBACK;
  // `/.//evil.example` parses to the path `//evil.example`, which a browser given the bare path would
  // read as another host: collapse leading slashes so the answer is always origin-relative.
  const path = url.pathname.replace(/^\/{2,}/, "/");
  return path + url.search + url.hash;
}
