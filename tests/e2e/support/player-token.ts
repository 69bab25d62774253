import { SignJWT } from "jose";

import { E2E_SECRETS } from "./state";

/** A player API token for `userId`, signed with the e2e server's secret, valid 10 minutes. */
export async function playerToken(userId: number) {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(String(userId))
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(E2E_SECRETS.PLAYER_JWT_SECRET));
}
