import { expect, test, type Locator, type Page } from "@playwright/test";

import { sql } from "./support/db";
import { storageStateFor } from "./support/state";

// Issue #13: the promo form and a confirm dialog with the keyboard alone — no clicks, no fill().

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target, "reachable with the keyboard").toBeFocused();
}

test.describe("keyboard only", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("walks the promo create form, submits it, and deactivates the promo through its dialog", async ({ page }) => {
    const code = `KBD${Date.now().toString(36).toUpperCase()}`;
    await page.goto("/promo-codes/new");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const codeField = page.getByLabel("Code", { exact: true });
    await tabTo(page, codeField);
    await page.keyboard.type(code);
    await page.keyboard.press("Tab");
    const title = page.getByLabel("Title", { exact: true });
    await expect(title).toBeFocused();
    await page.keyboard.type("Keyboard promo");
    // Back and forth: Shift+Tab returns to the code with what was typed.
    await page.keyboard.press("Shift+Tab");
    await expect(codeField).toBeFocused();
    await expect(codeField).toHaveValue(code);

    // A select changes with the arrow keys (and back).
    const unit = page.getByLabel("Unit", { exact: true });
    await tabTo(page, unit);
    const before = await unit.inputValue();
    await page.keyboard.press("ArrowDown");
    const down = (await unit.inputValue()) !== before;
    if (!down) await page.keyboard.press("ArrowUp");
    await expect(unit).not.toHaveValue(before);
    await page.keyboard.press(down ? "ArrowUp" : "ArrowDown");
    await expect(unit).toHaveValue(before);

    // A checkbox toggles with Space.
    const hidden = page.getByLabel("Hidden", { exact: true });
    await tabTo(page, hidden);
    await page.keyboard.press("Space");
    await expect(hidden).toBeChecked();
    await page.keyboard.press("Space");
    await expect(hidden).not.toBeChecked();

    // The submit button is reachable and Enter submits.
    const submit = page.getByRole("button", { name: "Create promo" });
    await tabTo(page, submit);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/promo-codes\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: code })).toBeVisible();

    // The confirm dialog: Enter opens it, Escape closes it and gives the focus back.
    const trigger = page.getByRole("button", { name: "Deactivate" });
    await tabTo(page, trigger);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Deactivate ${code}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator(":focus")).toHaveCount(1);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(trigger).toBeFocused();

    // Again, and this time confirm: Tab stays inside the dialog until it reaches the button.
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole("button", { name: "Deactivate" });
    await tabTo(page, confirm, { max: 10 });
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expect.poll(async () => (await sql<{ isActive: boolean | null }>(`SELECT "isActive" FROM "PromoCode" WHERE code = $1`, [code]))[0]?.isActive).not.toBe(true);
  });
});
