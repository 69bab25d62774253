// npm run token:player -- --user ID [--ttl SECONDS]
// Prints a player JWT (HS256, PLAYER_JWT_SECRET) for trying the player API.
import "./local-env";
import { parseArgs } from "node:util";

import { signPlayerToken } from "../lib/server/player-auth/tokens";

const { values } = parseArgs({ options: { user: { type: "string" }, ttl: { type: "string", default: "3600" } } });
const user = Number(values.user);
if (!Number.isSafeInteger(user) || user <= 0) {
  console.error("usage: npm run token:player -- --user ID   (--user must be a positive integer)");
  process.exit(2);
}
console.log(await signPlayerToken(user, Number(values.ttl)));
