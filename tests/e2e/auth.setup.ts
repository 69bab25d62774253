import { test as setup } from "@playwright/test";

import { DEMO_OPERATORS } from "@/lib/server/seed/operators";
import { ROLE_LABELS } from "@/lib/domain/auth/permissions";

import { expectSignedInAs, signIn } from "./support/sign-in";
import { storageStateFor } from "./support/state";

// Signs in once per role through the real form and keeps the session for the other projects.
for (const op of DEMO_OPERATORS) {
  setup(`sign in as ${op.role}`, async ({ page }) => {
    await signIn(page, op.email, op.password);
    await page.waitForURL("/");
    await expectSignedInAs(page, ROLE_LABELS[op.role]);
    await page.context().storageState({ path: storageStateFor(op.role) });
  });
}
