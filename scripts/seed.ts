// npm run db:seed — creates the demo world (idempotent: running it twice adds nothing).
// --if-empty: do nothing when the database already has users (used by `npm start`).
import { db, disconnectDb } from "../lib/server/db";
import { seedDemo } from "../lib/server/seed/demo";

const ifEmpty = process.argv.includes("--if-empty");
if (ifEmpty && (await db.user.count()) > 0) {
  console.log("seed: database has data, not seeding");
} else {
  const started = Date.now();
  const summary = await seedDemo({ log: (l) => console.log(l) });
  console.log(`seed: ${summary.players} players, ${summary.bets} bets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
await disconnectDb();
