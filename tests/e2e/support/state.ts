import { readFileSync } from "node:fs";
import path from "node:path";

export const E2E_STATE_DIR = path.resolve("tests/e2e/.auth");
export const E2E_DB_FILE = path.join(E2E_STATE_DIR, "db.json");
export const E2E_SECRETS = {
  NEXTAUTH_SECRET: "e2e-nextauth-secret-e2e-nextauth-secret-0000",
  PLAYER_JWT_SECRET: "e2e-player-jwt-secret-e2e-player-jwt-secret-00",
};

export const storageStateFor = (role: string) => path.join(E2E_STATE_DIR, `${role}.json`);

/** The e2e database, for tests that arrange or check rows directly. */
export function e2eDatabaseUrl(): string {
  return (JSON.parse(readFileSync(E2E_DB_FILE, "utf8")) as { url: string }).url;
}
