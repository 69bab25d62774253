import { expect, test } from "@playwright/test";

import { DEMO_OPERATORS } from "@/lib/server/seed/operators";

import { createOperator, sql } from "./support/db";
import { expectSignedInAs, signIn } from "./support/sign-in";

const admin = DEMO_OPERATORS[0];

test("a wrong password shows an error and stays signed out", async ({ page }) => {
  await signIn(page, admin.email, "not-the-password");
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.screenshot({ path: "test-results/screens/sign-in-error.png" });
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
});

test("the form checks the fields before sending", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
});

test("a signed-out visit to a back-office page lands on sign-in, then returns there", async ({ page }) => {
  await page.goto("/promo-codes");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fpromo-codes$/);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/promo-codes$/);
  await expect(page.getByRole("heading", { name: "Promo codes" })).toBeVisible();
});

test("sign-out ends the session", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await expectSignedInAs(page, "Admin");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a disabled operator is refused on the next request, even with a live session", async ({ page }) => {
  const op = await createOperator("PROMO_MANAGER");
  await signIn(page, op.email, op.password);
  await expectSignedInAs(page, "Promo manager");
  await sql(`UPDATE "User" SET disabled = true WHERE id = $1`, [op.id]);
  await page.goto("/promo-codes");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, op.email, op.password);
  await expect(page.getByTestId("form-error")).toContainText("disabled");
});

test("a new operator signs in with the one-time password and must choose their own", async ({ page }) => {
  const op = await createOperator("SUPPORT", { mustChangePassword: true });
  await signIn(page, op.email, op.password);
  await expect(page).toHaveURL(/\/change-password$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/change-password$/);
  await page.getByLabel("Current password").fill(op.password);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("short");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("a-much-better-passw0rd");
  await page.getByLabel("Repeat the new password").fill("a-much-better-passw0rd");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectSignedInAs(page, "Support");
  const [row] = await sql<{ mustChangePassword: boolean }>(`SELECT "mustChangePassword" FROM "User" WHERE id = $1`, [op.id]);
  expect(row.mustChangePassword).toBe(false);
});

test("five failed sign-ins lock the email for 15 minutes, right password or not", async ({ page }) => {
  const op = await createOperator("SUPPORT");
  for (let i = 0; i < 5; i++) {
    await signIn(page, op.email, "wrong-password");
    await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  }
  await signIn(page, op.email, op.password);
  await expect(page.getByTestId("form-error")).toHaveText("Too many failed sign-ins. Wait 15 minutes and try again.");
  await expect(page).toHaveURL(/\/sign-in/);
});
