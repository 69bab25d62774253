// npm run db:migrate — applies pending migrations to DATABASE_URL (needs no app secrets).
import { dbEnv } from "../lib/env";
import { migrate } from "../lib/db/migrator";

try {
  const { DATABASE_URL, BUSINESS_TIME_ZONE } = dbEnv();
  const result = await migrate({
    connectionString: DATABASE_URL,
    businessTimeZone: BUSINESS_TIME_ZONE,
    log: (l) => console.log(l),
  });
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
} catch (error) {
  // One line, never a stack trace: a missing variable or an unreachable database says so.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
