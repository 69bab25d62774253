// npm run db:generate-load -- --users N --bets M --referred R --affiliates A --board-entries E
// Builds a large data set (set-based SQL inside PostgreSQL) for the read benchmarks.
import { parseArgs } from "node:util";

import { disconnectDb } from "../lib/server/db";
import { generateLoad } from "../lib/server/seed/load";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "1000000" },
    bets: { type: "string", default: "10000000" },
    referred: { type: "string", default: "100000" },
    affiliates: { type: "string", default: "1000" },
    "board-entries": { type: "string", default: "1000000" },
  },
});
const num = (name: keyof typeof values) => {
  const v = Number(values[name]);
  if (!Number.isSafeInteger(v) || v < 0) {
    console.error(`--${name} must be a non-negative integer`);
    process.exit(2);
  }
  return v;
};
const started = Date.now();
await generateLoad({
  users: num("users"),
  bets: num("bets"),
  referred: num("referred"),
  affiliates: num("affiliates"),
  boardEntries: num("board-entries"),
  log: (l) => console.log(l),
});
console.log(`load generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await disconnectDb();
