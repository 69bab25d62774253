// Runs `prisma generate` without downloading Prisma's native schema engine.
// The `prisma-client` generator needs no engine binary, but the CLI looks for one at start-up; on a
// machine that can't reach Prisma's binary host we point it at a stub so generation still works.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const stubDir = path.resolve("node_modules/.cache/prisma-stub");
const stub = path.join(stubDir, "schema-engine");
if (!existsSync(stub)) {
  mkdirSync(stubDir, { recursive: true });
  writeFileSync(stub, "#!/bin/sh\necho 'schema engine stub: use npm run db:migrate' >&2\nexit 1\n");
  chmodSync(stub, 0o755);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= stub;
// The CLI's own entry with this Node, not `npx`: an npx nested in another npx (as when installing
// under `npx -p node@24`) refuses to run.
const cli = path.resolve("node_modules/prisma/build/index.js");
const res = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(res.status ?? 1);
