import "server-only";

import { lookup as dnsLookup } from "node:dns/promises";

import { targetVerdict, type TTargetVerdict } from "@/lib/domain/webhooks/address";
import { env } from "@/lib/env";
import { ZWebhookUrl } from "@/lib/schemas/webhooks";

// May Rollover call this endpoint URL (SPEC §7 "Outbound calls")? Checked when an admin saves it and
// again before every delivery attempt, with the host resolved each time: a name that pointed at a
// public address when saved may point at 127.0.0.1 now (DNS rebinding). The attempt then connects
// to the very address checked here (lib/server/webhooks/deliver.ts pins it), not to a second lookup.

export type TResolve = (host: string) => Promise<string[]>;

const resolveAll: TResolve = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** The URL's syntax (ZWebhookUrl), then every address its host resolves to (lib/domain/webhooks/address.ts). */
export async function checkWebhookUrl(
  url: string,
  options: { resolve?: TResolve; allowPrivate?: boolean } = {},
): Promise<TTargetVerdict> {
  const parsed = ZWebhookUrl.safeParse(url);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? "Not a valid URL" };
  const target = new URL(parsed.data);
  // URL keeps an IPv6 literal's brackets; an IP literal is checked as it is, no lookup.
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const allowPrivate = options.allowPrivate ?? env().WEBHOOK_ALLOW_PRIVATE;
  let addresses: string[];
  try {
    addresses = isIpLiteral(host) ? [host] : await (options.resolve ?? resolveAll)(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, reason: `${host} could not be resolved${code ? ` (${code})` : ""}` };
  }
  return targetVerdict({ host, protocol: target.protocol, addresses, allowPrivate });
}

// WHATWG URL has already turned every IPv4 spelling (0x7f.1, 2130706433, 127.1) into dotted quads.
const isIpLiteral = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
