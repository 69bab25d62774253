import "server-only";

import { isOperatorRole } from "@/lib/domain/auth/permissions";
import { ZSignInInput } from "@/lib/schemas/auth";
import { verifyPassword } from "@/lib/server/auth/password";
import { countSignInAttempt, requestAddress } from "@/lib/server/auth/sign-in-limit";
import { db } from "@/lib/server/db";

// A hash of a random password, so unknown emails cost as much time as known ones.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$cZl5Tzj+CVZ5Wsc0Iqi90A$qeiYoI+YoNKVv6SgmEjhRgIE5sKlO3jCMkd/mEXyCcM";

export type TSignedInUser = { id: string; email: string | null; name: string; role: string; sessionVersion: number };

/**
 * next-auth's credentials check. Throws "RATE_LIMITED" or "DISABLED" (the form shows those); null is
 * "wrong email or password", whichever of the two was wrong.
 */
export async function authorizeCredentials(
  credentials: unknown,
  headers: Record<string, string | string[] | undefined> | undefined,
  now = new Date(),
): Promise<TSignedInUser | null> {
  const parsed = ZSignInInput.safeParse(credentials);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const attempt = await countSignInAttempt({ email, address: requestAddress(headers), now });
  if (!attempt.allowed) throw new Error("RATE_LIMITED");

  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
  if (!user || !ok || !isOperatorRole(user.role)) return null;
  if (user.disabled) throw new Error("DISABLED");
  await attempt.release();
  return { id: String(user.id), email: user.email, name: user.username, role: user.role, sessionVersion: user.sessionVersion };
}
