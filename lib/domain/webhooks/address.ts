import ipaddr from "ipaddr.js";

// Which addresses Rollover may send a webhook to (SPEC §7 "Outbound calls"): a URL an admin typed
// must not become a way to reach the machine itself or the network behind it (SSRF). Only public
// unicast addresses pass; private, loopback and link-local ones (IPv4, IPv6, and IPv4 written as
// IPv6) pass only when the operator says so (WEBHOOK_ALLOW_PRIVATE=1: a receiver on the same host or
// network); everything else — unspecified, broadcast, multicast, documentation, reserved, translated
// or tunnelled forms — never. Pure: the server resolves the host and hands the addresses in.

/** public: callable; private: callable only with the flag; refused: never. */
export type TAddressKind = "public" | "private" | "refused";

// ipaddr.js range() names that mean "our own network": the flag opens exactly these.
const PRIVATE_RANGES = new Set(["private", "loopback", "linkLocal", "carrierGradeNat", "uniqueLocal"]);

export type TClassifiedAddress = { address: string; family: 4 | 6; kind: TAddressKind; range: string };

/** The kind of one address literal (IPv4-mapped IPv6 is judged as the IPv4 it maps); junk is refused. */
export function classifyAddress(literal: string): TClassifiedAddress {
  const text = literal.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(text))
    return { address: text, family: text.includes(":") ? 6 : 4, kind: "refused", range: "invalid" };
  const ip = ipaddr.process(text); // ::ffff:a.b.c.d → a.b.c.d, so its range is the IPv4 one
  const family = ip.kind() === "ipv4" ? 4 : 6;
  // ::/96 ("IPv4-compatible", deprecated) beyond :: and ::1 is reported as unicast but embeds an IPv4 address.
  const named = ip.range();
  const range =
    named === "unicast" && ip.kind() === "ipv6" && ip.match(ipaddr.IPv6.parse("::"), 96) ? "ipv4Compatible" : named;
  const kind: TAddressKind = range === "unicast" ? "public" : PRIVATE_RANGES.has(range) ? "private" : "refused";
  return { address: ip.toString(), family, kind, range };
}

export type TTarget = { address: string; family: 4 | 6 };
/** ok: the first address, and every one (all checked) for a client that tries each in turn. */
export type TTargetVerdict = ({ ok: true; addresses: TTarget[] } & TTarget) | { ok: false; reason: string };

/**
 * May a URL of `protocol` whose host resolved to `addresses` be called? Every address must pass (a
 * name with one public and one private address is refused: the connection could take either).
 * https always; plain http only to private or loopback addresses with the flag (a local receiver
 * has no certificate; on the internet the body and signature would travel in clear).
 */
export function targetVerdict(input: {
  host: string;
  protocol: string;
  addresses: string[];
  allowPrivate: boolean;
}): TTargetVerdict {
  const { host, protocol, addresses, allowPrivate } = input;
  if (protocol !== "http:" && protocol !== "https:") return { ok: false, reason: "Use an https:// URL" };
  if (addresses.length === 0) return { ok: false, reason: `${host} has no address` };
  const classified = addresses.map(classifyAddress);
  const refused = classified.find((a) => a.kind === "refused");
  if (refused)
    return {
      ok: false,
      reason: `${host} resolves to ${refused.address}, a ${describe(refused.range)} address Rollover never calls`,
    };
  const privateOne = classified.find((a) => a.kind === "private");
  if (privateOne && !allowPrivate) {
    return {
      ok: false,
      reason: `${host} resolves to ${privateOne.address}, a ${describe(privateOne.range)} address: only public addresses may be called`,
    };
  }
  if (protocol === "http:" && !(allowPrivate && classified.every((a) => a.kind === "private"))) {
    return {
      ok: false,
      reason:
        "Use https:// (plain http is only for a receiver on a private or loopback address, with WEBHOOK_ALLOW_PRIVATE=1)",
    };
  }
  const targets = classified.map(({ address, family }) => ({ address, family }));
  return { ok: true, ...targets[0], addresses: targets };
}

const RANGE_NAMES: Record<string, string> = {
  private: "private",
  loopback: "loopback",
  linkLocal: "link-local",
  carrierGradeNat: "shared (CGNAT)",
  uniqueLocal: "unique-local",
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  ipv4Compatible: "IPv4-compatible",
  invalid: "malformed",
};
const describe = (range: string) => RANGE_NAMES[range] ?? `special-purpose (${range})`;
