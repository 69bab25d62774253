import "server-only";

import { apiError } from "@/lib/api/errors";
import { findUnsafeText } from "@/lib/schemas/text";

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () => apiError("PAYLOAD_TOO_LARGE", "The body is over 1 MiB.");

/**
 * The one body reader of the API (SPEC §7): counts bytes while streaming and stops at 1 MiB, whether
 * or not the client sent a Content-Length (a declared length over the limit is refused before
 * reading). Returns the raw bytes as text ("" for no body).
 */
async function readText(req: Request): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && !/^\d{1,16}$/.test(declared.trim())) throw apiError("INVALID_BODY", "Content-Length is not a number.");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw apiError("INVALID_BODY", "The body is not valid UTF-8.");
  }
}

/**
 * A body is JSON when its Content-Type is `application/json` or a `+json` type
 * (`application/merge-patch+json`, …), with any parameters but a charset other than UTF-8 (the reader
 * decodes UTF-8 only). A body sent without a Content-Type is read as JSON too: low-level clients
 * often omit it, and JSON is the only thing this API reads. Anything else (`text/plain`, what `fetch`
 * sends for a string; `application/x-www-form-urlencoded`, what `curl -d` sends) is a 415, so a
 * client that labels its body wrongly learns it instead of having it guessed at.
 */
function isJsonContentType(header: string | null): boolean {
  if (header === null) return true;
  const [essence, ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  if (!/^application\/([a-z0-9!#$&^_.-]+\+)?json$/.test(essence)) return false;
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/^"(.*)"$/, "$1");
  return charset === undefined || charset === "utf-8" || charset === "utf8";
}

/**
 * A JSON object body. `required: false` lets a route take no body at all (undefined). Strings with a
 * NUL or a lone surrogate are refused here unless the caller validates per item (`checkText: false`,
 * the events batches, which reject such an event alone).
 */
export async function readJsonObject(
  req: Request,
  { required = true, checkText = true }: { required?: boolean; checkText?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  const text = await readText(req);
  if (text.trim() === "") {
    if (required) throw apiError("INVALID_BODY", "The body must be a JSON object.");
    return undefined;
  }
  // After the size check, so a body over 1 MiB is a 413 whatever it is labelled.
  if (!isJsonContentType(req.headers.get("content-type"))) {
    throw apiError("UNSUPPORTED_MEDIA_TYPE", "The body must be JSON: send it with Content-Type: application/json.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiError("INVALID_BODY", "The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw apiError("INVALID_BODY", "The body must be a JSON object.");
  }
  const unsafe = checkText ? findUnsafeText(value) : null;
  if (unsafe) throw apiError("INVALID_BODY", `${unsafe}: text may not hold a NUL character or a lone surrogate.`);
  return value as Record<string, unknown>;
}

/** For endpoints that take no body: nothing, or an empty object; anything with fields is a 400. */
export async function refuseBodyWithFields(req: Request): Promise<void> {
  const body = await readJsonObject(req, { required: false, checkText: false });
  if (body && Object.keys(body).length > 0) {
    throw apiError("INVALID_BODY", `This endpoint takes no body; unknown field "${Object.keys(body)[0]}".`);
  }
}
