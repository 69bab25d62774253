import "server-only";

import { can } from "@/lib/domain/auth/permissions";
import { requirePermission } from "@/lib/server/auth/guards";

/** The areas whose pages anyone with `<area>.read` sees, and only `<area>.write` may change. */
type TArea = "promos" | "challenges" | "leaderboards";

/** The signed-in operator, who must be able to read `area` (else the forbidden page), and whether they may write it. */
export async function requireReader(area: TArea) {
  const operator = await requirePermission(`${area}.read`);
  return { operator, canWrite: can(operator.role, `${area}.write`) };
}
