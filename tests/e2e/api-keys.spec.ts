import { expect, test } from "@playwright/test";

import { storageStateFor } from "./support/state";

test.describe("Settings → API keys (admin)", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  test("creates a key shown once, sees its last use, and revokes it", async ({ page, request }) => {
    const name = `game engine ${Date.now()}`;
    await page.goto("/settings/api-keys");
    await page.getByRole("button", { name: "New API key" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("Give the key a name")).toBeVisible();
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^rk_live_/);
    await page.screenshot({ path: "test-results/screens/api-key-created.png" });
    await page.getByRole("button", { name: "Done" }).click();

    const feed = await request.get("/api/v1/credits?limit=1", { headers: { authorization: `Bearer ${key}` } });
    expect(feed.status()).toBe(200);
    expect(feed.headers()["x-request-id"]).toBeTruthy();

    await page.reload();
    const row = page.getByTestId(`api-key-${name}`);
    await expect(row).toContainText("Active");
    await expect(row).not.toContainText("never");
    await expect(page.getByText(key)).toHaveCount(0); // never shown again
    await page.screenshot({ path: "test-results/screens/api-keys.png", fullPage: true });

    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("button", { name: "Revoke key" }).click();
    await expect(row).toContainText("Revoked");
    const refused = await request.get("/api/v1/credits", { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.code).toBe("UNAUTHORIZED");
  });
});

test.describe("API keys are admin-only", () => {
  test.use({ storageState: storageStateFor("PROMO_MANAGER") });

  test("a promo manager gets 'No access'", async ({ page }) => {
    await page.goto("/settings/api-keys");
    await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  });
});

test("the OpenAPI document is served", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.paths["/api/v1/events/bets"]).toBeTruthy();
});

test("wrong method on the claim endpoint is 405 with Allow, in the API's error shape", async ({ request }) => {
  const res = await request.get("/api/v1/promo-codes/claim");
  expect(res.status()).toBe(405);
  expect(res.headers()["allow"]).toBe("POST");
  expect((await res.json()).error.code).toBe("METHOD_NOT_ALLOWED");
});
