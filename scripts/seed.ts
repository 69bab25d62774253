// npm run db:seed — creates the demo world (idempotent: running it twice adds nothing).
import { disconnectDb } from "../lib/server/db";
import { seedDemo } from "../lib/server/seed/demo";

const started = Date.now();
const summary = await seedDemo({ log: (l) => console.log(l) });
console.log(`seed: ${JSON.stringify(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await disconnectDb();
