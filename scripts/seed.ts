// npm run db:seed — creates the demo world (sixty days of history) on an empty database.
// On a database that already holds data it changes nothing, says so in one line and exits with
// code 1 (it was asked to seed and didn't). --if-empty (what `npm start` runs on its embedded
// database): the same check, but a database with data is skipped quietly with exit code 0.
import { disconnectDb } from "../lib/server/db";
import { isDatabaseEmpty, NOT_EMPTY_MESSAGE, seedDemo } from "../lib/server/seed/demo";

const ifEmpty = process.argv.includes("--if-empty");
const tty = process.stdout.isTTY;
let code = 0;
if (!(await isDatabaseEmpty())) {
  if (ifEmpty) console.log("seed: database has data, not seeding");
  else {
    console.error(NOT_EMPTY_MESSAGE);
    code = 1;
  }
} else {
  const started = Date.now();
  const summary = await seedDemo({
    // One line, rewritten in place on a terminal; a plain line every ten days in a log.
    progress: (day, days) => {
      if (tty) process.stdout.write(`\rseeding day ${day}/${days}…`);
      else if (day === 1 || day % 10 === 0) console.log(`seeding day ${day}/${days}…`);
    },
  });
  if (tty) process.stdout.write("\r\x1b[K");
  if (!summary.created) {
    console.error(NOT_EMPTY_MESSAGE);
    code = 1;
  } else {
    console.log(
      `seed: ${summary.players} players, ${summary.deposits} deposits, ${summary.bets} bets, ${summary.claims} claims over ${summary.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
await disconnectDb();
process.exitCode = code;
