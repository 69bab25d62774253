import "server-only";

import { db } from "@/lib/server/db";

/** Every game, by name, for the whitelist and game pickers of promos, challenges and boards. */
export async function listGamesForPicker() {
  return db.game.findMany({ select: { id: true, name: true, provider: true }, orderBy: { name: "asc" }, take: 2000 });
}
