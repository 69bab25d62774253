// Prisma CLI configuration. The CLI runs outside the app, so it reads DATABASE_URL itself; `generate`
// needs no database, hence the placeholder. Migrations are applied by scripts/migrate.ts (see
// docs/decisions.md), but the folder layout is Prisma's so `prisma migrate deploy` agrees elsewhere.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/rollover" },
});
