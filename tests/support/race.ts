import { inject } from "vitest";

/** Race tests need a real PostgreSQL (PGlite runs one query at a time, so nothing ever races). */
export const skipRaces = inject("isEmbedded");
