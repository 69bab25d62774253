// npm run apikey:create -- --name NAME — creates a platform API key and prints it once.
import "./local-env";
import { parseArgs } from "node:util";

import { createApiKey } from "../lib/server/api-keys/mutations";
import { disconnectDb } from "../lib/server/db";

const { values } = parseArgs({ options: { name: { type: "string" } } });
if (!values.name?.trim()) {
  console.error("usage: npm run apikey:create -- --name NAME");
  process.exit(2);
}
const key = await createApiKey(values.name, null);
console.log(`API key "${key.name}" created (${key.prefix}…). It is shown once; store it now:`);
console.log(key.key);
await disconnectDb();
