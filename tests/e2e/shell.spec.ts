import { expect, test } from "@playwright/test";

import { NAV_GROUPS } from "@/components/app-shell/nav-items";
import { ROLE_LABELS } from "@/lib/domain/auth/permissions";
import { DEMO_OPERATORS } from "@/lib/server/seed/operators";

import { storageStateFor } from "./support/state";

// What each role must and must not find in the sidebar (SPEC §3).
const NAV: Record<string, { sees: string[]; hidden: string[] }> = {
  ADMIN: { sees: ["Dashboard", "Promo codes", "Affiliate codes", "Operators", "API keys", "Audit log"], hidden: [] },
  PROMO_MANAGER: {
    sees: ["Dashboard", "Promo codes", "Challenges", "Leaderboards", "Streamer report"],
    hidden: ["Affiliate codes", "Operators", "API keys", "Audit log"],
  },
  AFFILIATE_MANAGER: {
    sees: ["Dashboard", "Player lookup", "Affiliate overview", "Affiliate codes"],
    hidden: ["Promo codes", "Challenges", "Operators"],
  },
  SUPPORT: {
    sees: ["Dashboard", "Player lookup", "Promo codes", "Leaderboards"],
    hidden: ["Affiliate codes", "Operators", "API keys", "Currency rates"],
  },
};

for (const op of DEMO_OPERATORS) {
  test.describe(`as ${op.role}`, () => {
    test.use({ storageState: storageStateFor(op.role) });

    test("sees the shell with their name, role and their areas only", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
      await expect(page.getByTestId("operator-role")).toHaveText(ROLE_LABELS[op.role]);
      await expect(page.getByTestId("user-menu")).toContainText(op.name);
      const nav = page.getByRole("navigation", { name: "Main" }).first();
      for (const item of NAV[op.role].sees) await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
      for (const item of NAV[op.role].hidden) await expect(nav.getByRole("link", { name: item, exact: true })).toHaveCount(0);
      await page.screenshot({ path: `test-results/screens/shell-${op.role}.png`, fullPage: true });
    });
  });
}

test.describe("role checks on the server", () => {
  test.use({ storageState: storageStateFor("SUPPORT") });

  test("a page the role can't open shows 'No access', even by typing its address", async ({ page }) => {
    await page.goto("/settings/operators");
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  });

});

test.describe("every area renders", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("each page of the navigation shows its heading, never an error", async ({ page }) => {
    for (const item of NAV_GROUPS.flatMap((g) => g.items)) {
      await page.goto(item.href);
      await expect(page.locator("h1").first(), item.href).toBeVisible();
      await expect(page.getByText("This page couldn't be shown")).toHaveCount(0);
      await expect(page.getByText("Something went wrong")).toHaveCount(0);
    }
  });
});

test.describe("theme and pages", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("light/dark toggle switches the theme", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.getByRole("button", { name: "Toggle light or dark theme" }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.screenshot({ path: "test-results/screens/shell-dark.png" });
  });

  test("an unknown address shows the 404 page", async ({ page }) => {
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("the shell works at phone width", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    await page.getByRole("button", { name: "Open navigation" }).click();
    await page.getByRole("dialog").getByRole("link", { name: "Promo codes" }).click();
    await expect(page).toHaveURL(/\/promo-codes$/);
    await page.screenshot({ path: "test-results/screens/shell-phone.png", fullPage: true });
  });
});
