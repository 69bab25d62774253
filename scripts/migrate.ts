// npm run db:migrate — applies pending migrations to DATABASE_URL.
import { env } from "../lib/env";
import { migrate } from "../lib/db/migrator";

const { DATABASE_URL, BUSINESS_TIME_ZONE } = env();
const result = await migrate({
  connectionString: DATABASE_URL,
  businessTimeZone: BUSINESS_TIME_ZONE,
  log: (l) => console.log(l),
});
console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
