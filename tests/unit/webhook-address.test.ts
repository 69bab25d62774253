import { describe, expect, it } from "vitest";

import { classifyAddress, targetVerdict, type TAddressKind } from "@/lib/domain/webhooks/address";
import { checkWebhookUrl, type TResolve } from "@/lib/server/webhooks/address";

// SPEC §7 "Outbound calls": webhooks go to public addresses only; private, loopback and link-local
// ones only with WEBHOOK_ALLOW_PRIVATE=1; the rest never — however the address is spelled.

describe("classifyAddress", () => {
  it.each<[string, TAddressKind]>([
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["127.0.0.1", "private"],
    ["127.255.255.254", "private"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "private"],
    ["100.64.0.1", "private"],
    ["::1", "private"],
    ["fe80::1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["::ffff:127.0.0.1", "private"],
    ["::ffff:7f00:1", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "private"],
    ["[::1]", "private"],
    ["0.0.0.0", "refused"],
    ["::", "refused"],
    ["255.255.255.255", "refused"],
    ["224.0.0.1", "refused"],
    ["ff02::1", "refused"],
    ["192.0.2.1", "refused"],
    ["198.18.0.1", "refused"],
    ["240.0.0.1", "refused"],
    ["2001:db8::1", "refused"],
    ["::7f00:1", "refused"], // IPv4-compatible ::127.0.0.1
    ["::ffff:0:7f00:1", "refused"], // rfc6145
    ["64:ff9b::7f00:1", "refused"], // NAT64 of 127.0.0.1
    ["2002:7f00:1::", "refused"], // 6to4 of 127.0.0.1
    ["2001::1", "refused"], // Teredo
    ["::ffff:0.0.0.0", "refused"],
    ["not-an-ip", "refused"],
    ["", "refused"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip).kind).toBe(kind);
  });

  it("judges an IPv4-mapped address as the IPv4 it maps to", () => {
    expect(classifyAddress("::ffff:127.0.0.1")).toMatchObject({ address: "127.0.0.1", family: 4, range: "loopback" });
    expect(classifyAddress("::ffff:8.8.8.8")).toMatchObject({ address: "8.8.8.8", family: 4, kind: "public" });
  });
});

describe("targetVerdict", () => {
  const v = (protocol: string, addresses: string[], allowPrivate: boolean) => targetVerdict({ host: "h", protocol, addresses, allowPrivate });

  it("https to public addresses passes, with every address for the connection", () => {
    expect(v("https:", ["8.8.8.8", "2606:4700:4700::1111"], false)).toEqual({
      ok: true, address: "8.8.8.8", family: 4,
      addresses: [{ address: "8.8.8.8", family: 4 }, { address: "2606:4700:4700::1111", family: 6 }],
    });
  });

  it("plain http to a public address never passes, flag or not", () => {
    expect(v("http:", ["8.8.8.8"], false).ok).toBe(false);
    expect(v("http:", ["8.8.8.8"], true).ok).toBe(false);
  });

  it("private addresses need the flag; with it, http or https", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fd00::1"]) {
      expect(v("https:", [ip], false).ok).toBe(false);
      expect(v("http:", [ip], false).ok).toBe(false);
      expect(v("https:", [ip], true).ok).toBe(true);
      expect(v("http:", [ip], true).ok).toBe(true);
    }
  });

  it("one bad address among good ones refuses the name (the connection could take either)", () => {
    expect(v("https:", ["8.8.8.8", "127.0.0.1"], false).ok).toBe(false);
    expect(v("https:", ["8.8.8.8", "0.0.0.0"], true).ok).toBe(false);
    expect(v("http:", ["127.0.0.1", "8.8.8.8"], true).ok).toBe(false); // http only when all are local
  });

  it("refused ranges stay refused with the flag", () => {
    for (const ip of ["0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "::7f00:1", "64:ff9b::7f00:1"]) {
      expect(v("https:", [ip], true).ok).toBe(false);
    }
  });

  it("no address, or another scheme, is refused", () => {
    expect(v("https:", [], true).ok).toBe(false);
    expect(v("ftp:", ["8.8.8.8"], true).ok).toBe(false);
  });
});

describe("checkWebhookUrl (resolver stubbed)", () => {
  const dns: Record<string, string[]> = {
    "crm.example.com": ["93.184.216.34"],
    "dual.example.com": ["93.184.216.34", "2606:2800:220:1::1"],
    "rebind.example.com": ["93.184.216.34", "127.0.0.1"],
    "internal.example.com": ["10.20.30.40"],
    "metadata.example.com": ["169.254.169.254"],
    localhost: ["::1", "127.0.0.1"],
  };
  const resolve: TResolve = async (host) => {
    if (dns[host]) return dns[host];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  };
  const check = (url: string, allowPrivate = false) => checkWebhookUrl(url, { resolve, allowPrivate });

  it("accepts https to a name with public addresses", async () => {
    expect(await check("https://crm.example.com/rollover")).toMatchObject({ ok: true, address: "93.184.216.34", family: 4 });
    expect(await check("https://dual.example.com/")).toMatchObject({ ok: true });
    expect(await check("https://8.8.8.8/hooks")).toMatchObject({ ok: true, address: "8.8.8.8" });
  });

  it.each([
    "http://127.0.0.1:4000/hooks",
    "https://127.0.0.1/hooks",
    "http://localhost:4000/",
    "https://localhost/",
    "http://10.0.0.1/",
    "https://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:4000/",
    "https://[::1]/",
    "http://[::ffff:127.0.0.1]:4000/",
    "https://[::ffff:7f00:1]/",
    "https://[fd00::1]/",
    "https://internal.example.com/",
    "https://metadata.example.com/",
    "https://rebind.example.com/",
    "http://2130706433/", // 127.0.0.1 as one number
    "http://0x7f.1/",
    "http://127.1/",
    "https://0.0.0.0/",
    "https://[::]/",
  ])("without the flag refuses %s", async (url) => {
    const verdict = await check(url);
    expect(verdict.ok).toBe(false);
  });

  it("with the flag, loopback and private targets pass over http or https", async () => {
    for (const url of ["http://127.0.0.1:4000/hooks", "http://localhost:4000/", "https://10.0.0.1/", "http://[::1]:4000/", "http://[::ffff:127.0.0.1]:4000/"]) {
      expect(await check(url, true)).toMatchObject({ ok: true });
    }
    expect(await check("http://crm.example.com/", true)).toMatchObject({ ok: false }); // still https on the internet
    expect(await check("https://0.0.0.0/", true)).toMatchObject({ ok: false });
  });

  it("says why: a name that doesn't resolve, bad syntax, credentials", async () => {
    expect(await check("https://nowhere.example.com/")).toEqual({ ok: false, reason: "nowhere.example.com could not be resolved (ENOTFOUND)" });
    expect(await check("https://127.0.0.1/")).toEqual({ ok: false, reason: expect.stringContaining("loopback") });
    expect(await check("https://169.254.169.254/")).toEqual({ ok: false, reason: expect.stringContaining("link-local") });
    expect(await check("ftp://crm.example.com/")).toMatchObject({ ok: false });
    expect(await check("https://user:pw@crm.example.com/")).toMatchObject({ ok: false });
    expect(await check("not a url")).toMatchObject({ ok: false });
  });
});
