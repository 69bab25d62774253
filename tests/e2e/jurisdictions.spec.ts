// Issue #17, Settings → Jurisdictions as an admin: the seeded rules in words (GB is only read: other
// specs depend on its 10×), then a jurisdiction of this run's own (a CA region code) created, refused
// with field errors, edited to 12× and deleted through the dialogs; a promo manager gets "No access".
import { randomBytes } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";

import { sql } from "./support/db";
import { storageStateFor } from "./support/state";
import { expectNoSeriousAxeViolation } from "./support/axe";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const uniqueRegion = () => `CA-${[...randomBytes(3)].map((b) => ALNUM[b % ALNUM.length]).join("")}`;

/** The page (or the open dialog) at desktop and phone width, whole page, into /tmp/shots. */
async function shoot(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 1280 ? 900 : 844 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: `/tmp/shots/jurisdictions-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe("Settings → Jurisdictions (admin)", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("shows the seeded rules in words; creates, edits and deletes a jurisdiction through the dialog", async ({ page }) => {
    test.setTimeout(90_000);
    const code = uniqueRegion();

    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Jurisdictions", exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/jurisdictions$/);
    await expect(page.getByRole("heading", { name: "Jurisdictions", level: 1 })).toBeVisible();

    // The seeded rows, each rule in words; "—" where a row sets no such rule.
    const gb = page.getByTestId("jurisdiction-GB");
    await expect(gb).toContainText("United Kingdom");
    await expect(gb).toContainText("Wagering ≤ 10× the bonus");
    await expect(page.getByTestId("jurisdiction-DK")).toContainText("Bonus ≤ $155.00");
    await expect(page.getByTestId("jurisdiction-DK")).toContainText("At least 60 days");
    await expect(page.getByTestId("jurisdiction-SE")).toContainText("First bonus only");
    await expect(page.getByTestId("jurisdiction-BE")).toContainText("Bonuses: not allowed");
    await expect(gb.getByTestId("rule-bonusesAllowed")).toHaveText("—");
    await expectNoSeriousAxeViolation(page);

    // New: bad input is refused beside its field, nothing is sent until it is fixed.
    await page.getByRole("button", { name: "New jurisdiction" }).click();
    const dialog = page.getByRole("dialog", { name: "New jurisdiction" });
    await expect(dialog.getByLabel("Code")).toBeFocused();
    await expectNoSeriousAxeViolation(page);
    await dialog.getByLabel("Code").fill("gb");
    await dialog.getByLabel("Min. days to complete").fill("1.5");
    await dialog.getByRole("button", { name: "Create jurisdiction" }).click();
    await expect(dialog.getByText("Use upper case: GB")).toBeVisible();
    await expect(dialog.getByText("Whole number")).toBeVisible();
    await expect(dialog.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousAxeViolation(page);
    // A code that already has rules: the server's answer, beside the code.
    await dialog.getByLabel("Code").fill("GB");
    await dialog.getByLabel("Min. days to complete").fill("");
    await dialog.getByRole("button", { name: "Create jurisdiction" }).click();
    await expect(dialog.getByText("GB already has rules: edit its row instead")).toBeVisible();

    await dialog.getByLabel("Code").fill(code);
    await dialog.getByLabel("Max wagering (× the bonus)").fill("10");
    await dialog.getByLabel("Min. days to complete").fill("30");
    await dialog.getByRole("button", { name: "Create jurisdiction" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId(`jurisdiction-${code}`);
    await expect(row).toContainText("Canada");
    await expect(row).toContainText("Wagering ≤ 10× the bonus");
    await expect(row).toContainText("At least 30 days");
    // The toast ("… created") goes after a few seconds: the axe checks and screenshots are of the page itself.
    await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
    await expectNoSeriousAxeViolation(page);
    await shoot(page, "page");

    // Edit: the dialog starts from the row; the cap goes to 12×.
    await row.getByRole("button", { name: `Edit ${code}` }).click();
    const edit = page.getByRole("dialog", { name: new RegExp(`^Edit ${code}`) });
    const cap = edit.getByLabel("Max wagering (× the bonus)");
    await expect(cap).toHaveValue("10");
    await expect(edit.getByLabel("Min. days to complete")).toHaveValue("30");
    await cap.fill("12");
    await expectNoSeriousAxeViolation(page);
    await shoot(page, "dialog");
    await edit.getByRole("button", { name: "Save rules" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("Wagering ≤ 12× the bonus");
    const [stored] = await sql<{ cap: string; seconds: number }>(
      `SELECT "maxWagerMultiplier"::text AS cap, "minSecondsToComplete" AS seconds FROM "Jurisdiction" WHERE code = $1`,
      [code],
    );
    expect(Number(stored.cap)).toBe(12);
    expect(stored.seconds).toBe(30 * 86_400);
    const audit = await sql<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "entityType" = 'Jurisdiction' AND "entityId" = $1 ORDER BY id`, [code]);
    expect(audit.map((a) => a.action)).toEqual(["jurisdiction.create", "jurisdiction.update"]);

    // Delete, after a confirmation.
    await row.getByRole("button", { name: `Delete ${code}` }).click();
    await page.getByRole("button", { name: "Delete rules" }).click();
    await expect(row).toHaveCount(0);
    expect(await sql(`SELECT 1 FROM "Jurisdiction" WHERE code = $1`, [code])).toEqual([]);

    // GB was only read.
    await expect(gb).toContainText("Wagering ≤ 10× the bonus");
  });
});

test.describe("Jurisdictions are admin-only", () => {
  test.use({ storageState: storageStateFor("PROMO_MANAGER") });

  test("a promo manager has no link and gets 'No access' by address", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Jurisdictions", exact: true })).toHaveCount(0);
    await page.goto("/settings/jurisdictions");
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  });
});
