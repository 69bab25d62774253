import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { setEnv } from "@/lib/env";
import type { TOperator } from "@/lib/server/auth/guards";
import { makeOperator } from "@/tests/fixtures/factories";

// The session cookie (next-auth's getServerSession) is the only stub: it hands the guard whatever
// session the real jwt/session callbacks made at sign-in. The credentials check, the limits in
// PostgreSQL, the password change and the guard's re-read of the operator are the real ones.
const cookie = vi.hoisted(() => ({ session: null as unknown }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => ({ getServerSession: async () => cookie.session }));

const { authorizeCredentials } = await import("@/lib/server/auth/sign-in");
const { authOptions } = await import("@/lib/server/auth/options");
const { getOperator } = await import("@/lib/server/auth/guards");
const { PEER_ADDRESS_HEADER, peerAddress, stampPeerAddresses } = await import("@/lib/server/auth/peer-address");
const { changeOwnPassword, resetOperatorPassword } = await import("@/lib/server/operators/mutations");

// A fixed moment well inside one 15-minute and one 1-hour window, so no test straddles a boundary.
const NOW = new Date("2031-03-04T05:07:00Z");

// What the route handler hands authorize: the request's headers, the peer address stamped by the
// HTTP server (lib/server/auth/peer-address), X-Forwarded-For as the client wrote it.
const from = (peer: string, forwardedFor?: string) => ({ [PEER_ADDRESS_HEADER]: peer, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });
// Distinct addresses within a run (the emails are unique per run, and every counter key holds one).
let ipCounter = 0;
const randomIp = () => `198.51.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

const signIn = (email: string, password: string, headers: Record<string, string>, now = NOW) =>
  authorizeCredentials({ email, password }, headers, now).then(
    (user) => (user ? "ok" : "wrong"),
    (error: Error) => error.message,
  );

describe("who the sign-in limits count (SPEC §7)", () => {
  it("a peer-address header is believed only when this process stamps it (else it's the client's)", () => {
    expect(peerAddress({ [PEER_ADDRESS_HEADER]: "203.0.113.1" })).toBeNull();
    stampPeerAddresses();
    expect(peerAddress({ [PEER_ADDRESS_HEADER]: "203.0.113.1" })).toBe("203.0.113.1");
  });
});

describe("sign-in limits", () => {
  beforeAll(() => stampPeerAddresses());
  afterEach(() => setEnv({ TRUSTED_PROXY_HOPS: "0" }));

  it("5 failures per 15 minutes per email and address: a new X-Forwarded-For each time doesn't reset it", async () => {
    const op = await makeOperator("SUPPORT");
    const peer = randomIp();
    for (let i = 0; i < 5; i++) expect(await signIn(op.email!, "wrong-password", from(peer, randomIp()))).toBe("wrong");
    // The attack: a sixth guess, and then the right password, each claiming yet another address.
    expect(await signIn(op.email!, "wrong-password", from(peer, randomIp()))).toBe("RATE_LIMITED");
    expect(await signIn(op.email!, op.password, from(peer, randomIp()))).toBe("RATE_LIMITED");
    // Another address isn't locked out by this one's failures, and the next window starts over.
    expect(await signIn(op.email!, op.password, from(randomIp()))).toBe("ok");
    expect(await signIn(op.email!, op.password, from(peer), new Date(NOW.getTime() + 15 * 60_000))).toBe("ok");
  });

  it("20 failures per hour per email, whatever the address", async () => {
    const op = await makeOperator("SUPPORT");
    for (let i = 0; i < 20; i++) expect(await signIn(op.email!, "wrong-password", from(`203.0.113.${i + 1}`))).toBe("wrong");
    expect(await signIn(op.email!, op.password, from("203.0.113.200"))).toBe("RATE_LIMITED");
    // Other operators are untouched; this one may try again in the next hour.
    const other = await makeOperator("SUPPORT");
    expect(await signIn(other.email!, other.password, from("203.0.113.200"))).toBe("ok");
    expect(await signIn(op.email!, op.password, from("203.0.113.201"), new Date(NOW.getTime() + 60 * 60_000))).toBe("ok");
  });

  it("a good password gives its hit back: only failures add up", async () => {
    const op = await makeOperator("SUPPORT");
    const peer = randomIp();
    for (let i = 0; i < 10; i++) expect(await signIn(op.email!, op.password, from(peer))).toBe("ok");
    for (let i = 0; i < 5; i++) expect(await signIn(op.email!, "wrong-password", from(peer))).toBe("wrong");
    expect(await signIn(op.email!, op.password, from(peer))).toBe("RATE_LIMITED");
  });

  it("with TRUSTED_PROXY_HOPS=1, the address is the one our proxy appended, not the client's own entries", async () => {
    setEnv({ TRUSTED_PROXY_HOPS: "1" });
    const op = await makeOperator("SUPPORT");
    const proxy = "10.0.0.2";
    const client = randomIp();
    for (let i = 0; i < 5; i++) expect(await signIn(op.email!, "wrong-password", from(proxy, `${randomIp()}, ${client}`))).toBe("wrong");
    expect(await signIn(op.email!, op.password, from(proxy, `${randomIp()}, ${client}`))).toBe("RATE_LIMITED");
    // Another client behind the same proxy has its own count.
    expect(await signIn(op.email!, op.password, from(proxy, randomIp()))).toBe("ok");
  });

  it("the change-password form's current-password check counts as a sign-in attempt", async () => {
    const op = await makeOperator("SUPPORT");
    const operator: TOperator = { id: op.id, email: op.email!, name: op.username, role: "SUPPORT", mustChangePassword: false };
    const address = randomIp();
    const change = (currentPassword: string) =>
      changeOwnPassword(operator, { currentPassword, newPassword: "a-new-passw0rd-here", confirmPassword: "a-new-passw0rd-here" }, { address, now: NOW }).then(
        () => "changed",
        (error: { code?: string }) => error.code,
      );
    for (let i = 0; i < 5; i++) expect(await change("wrong-password")).toBe("WRONG_PASSWORD");
    expect(await change(op.password)).toBe("RATE_LIMITED");
    // Same counters as the sign-in form: signing in from that address is refused too.
    expect(await signIn(op.email!, op.password, { [PEER_ADDRESS_HEADER]: address })).toBe("RATE_LIMITED");
  });
});

describe("a password change or reset ends the operator's other sessions (SPEC §7)", () => {
  beforeAll(() => stampPeerAddresses());

  // A real sign-in: authorize, then next-auth's jwt and session callbacks, as the route handler runs them.
  async function sessionFor(email: string, password: string) {
    const user = await authorizeCredentials({ email, password }, from(randomIp()));
    if (!user) throw new Error("sign-in failed");
    const { callbacks } = authOptions();
    const token = await callbacks!.jwt!({ token: { sub: user.id }, user } as never);
    return callbacks!.session!({ session: { user: {}, expires: "" }, token } as never);
  }
  async function operatorWith(session: unknown) {
    cookie.session = session;
    return getOperator();
  }

  it("changing one's password refuses every session signed in before; one signed in after works", async () => {
    const op = await makeOperator("PROMO_MANAGER");
    const laptop = await sessionFor(op.email!, op.password);
    const phone = await sessionFor(op.email!, op.password);
    expect((await operatorWith(phone))?.id).toBe(op.id);

    const operator = (await operatorWith(laptop))!;
    await changeOwnPassword(operator, { currentPassword: op.password, newPassword: "n3w-password-long", confirmPassword: "n3w-password-long" }, { address: randomIp() });

    expect(await operatorWith(phone)).toBeNull();
    expect(await operatorWith(laptop)).toBeNull();
    const fresh = await sessionFor(op.email!, "n3w-password-long");
    expect((await operatorWith(fresh))?.id).toBe(op.id);
  });

  it("an admin's reset refuses every session the operator has", async () => {
    const admin = await makeOperator("ADMIN");
    const op = await makeOperator("SUPPORT");
    const session = await sessionFor(op.email!, op.password);
    expect((await operatorWith(session))?.id).toBe(op.id);
    const adminOperator = (await operatorWith(await sessionFor(admin.email!, admin.password)))!;
    const { oneTimePassword } = await resetOperatorPassword(adminOperator, op.id);

    expect(await operatorWith(session)).toBeNull();
    const fresh = await sessionFor(op.email!, oneTimePassword);
    expect(await operatorWith(fresh)).toMatchObject({ id: op.id, mustChangePassword: true });
  });

  it("a forged session for an id outside int4 is no session, not an error", async () => {
    expect(await operatorWith({ user: { id: "2147483648", sessionVersion: 0 } })).toBeNull();
  });
});
