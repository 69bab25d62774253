// Issue #16, campaign controls as a promo manager sees them: a first-deposit promo for two countries
// with a budget made through the real form (the preview's budget line), then after claims and the
// grants their first deposits take (player and platform APIs) the list's budget bar, the nearly-spent filter, the dashboard card, the eligibility check
// naming the failing reason, and the edit refusing a budget below what was granted.
import { randomBytes } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";

import { createPlatformKey, sql } from "./support/db";
import { storageStateFor } from "./support/state";
import { expectNoSeriousAxeViolation } from "./support/axe";
import { playerToken } from "./support/player-token";

test.use({ storageState: storageStateFor("PROMO_MANAGER") });

const uniq = () => randomBytes(4).toString("hex");

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a budgeted first-deposit promo for two countries: form, preview, list bar, dashboard, eligibility", async ({ page, request }) => {
  test.setTimeout(90_000);
  const tag = uniq();
  const code = `CAMP${tag}`.toUpperCase();

  // The form: campaign controls by keyboard (search, Enter picks), the preview's budget line. The
  // country list opens only once the page is hydrated, so the text fields are filled after it.
  await page.goto("/promo-codes/new");
  const allowed = page.getByRole("combobox", { name: "Allowed countries" });
  await allowed.fill("germ");
  await expect(page.getByRole("option", { name: /Germany/ })).toBeVisible();
  await allowed.press("Enter");
  await allowed.fill("at");
  await allowed.press("Enter");
  await allowed.press("Escape");
  const chosen = page.getByRole("list", { name: "Allowed countries: chosen" });
  await expect(chosen.getByRole("listitem")).toHaveText([/AT\s*Austria/, /DE\s*Germany/]);
  const requiredTags = page.getByLabel("Required tags");
  await requiredTags.fill("bad tag!");
  await requiredTags.press("Enter");
  await expect(page.getByText("“bad tag!”: a tag is 1 to 40 of A-Z a-z 0-9 _ -")).toBeVisible();
  await requiredTags.fill("");
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Title", { exact: true }).fill("E2E campaign: DE and AT, first deposit");
  await page.getByLabel("Budget (USD, optional)").fill("1000");
  await page.getByLabel("Deposit rule").selectOption("FIRST_DEPOSIT");
  await page.getByLabel("Excluded tags").fill("bonus_abuser,");
  await expect(page.getByRole("list", { name: "Excluded tags: added" })).toHaveText(/bonus_abuser/);
  await expect(page.getByTestId("preview-budget")).toContainText("Budget $1,000.00 left of $1,000.00");
  await expect(page.getByTestId("preview-budget-covers")).toHaveText("covers 2 more maximum bonuses");
  await expectNoSeriousAxeViolation(page);
  await shoot(page, "campaign-form");
  await page.getByRole("button", { name: "Create promo" }).click();
  await expect(page.getByRole("heading", { name: code })).toBeVisible();
  const [promo] = await sql<{ id: string; depositRule: string; countries: string[]; excludedTags: string[]; budget: string }>(
    `SELECT id, "depositRule", countries, "excludedTags", "budgetUsdAmount"::text AS budget FROM "PromoCode" WHERE code = $1 AND "isActive"`,
    [code],
  );
  expect(promo).toMatchObject({ depositRule: "FIRST_DEPOSIT", countries: ["AT", "DE"], excludedTags: ["bonus_abuser"] });
  expect(Number(promo.budget)).toBe(1000);

  // German players who haven't deposited claim through the player API, and their first deposits
  // activate the claims through the platform API: the grants are taken from the budget.
  const key = await createPlatformKey(`e2e campaign ${tag}`);
  const platform = { authorization: `Bearer ${key}` };
  const base = 810_000_000 + parseInt(tag.slice(0, 6), 16) * 3;
  const [de1, de2, fr] = [base, base + 1, base + 2];
  const users = [[de1, "DE"], [de2, "DE"], [fr, "FR"]].map(([id, country]) => ({ id, username: `p${id}`, country }));
  const sent = await request.post("/api/v1/events/users", { headers: platform, data: { events: users } });
  expect((await sent.json()).results.map((r: { status: string }) => r.status)).toEqual(["applied", "applied", "applied"]);
  const firstDeposit = async (userId: number, usd: string) => {
    const res = await request.post("/api/v1/promo-codes/claim", { headers: { authorization: `Bearer ${await playerToken(userId)}` }, data: { code } });
    expect(res.status(), await res.text()).toBe(201);
    const deposit = { id: `dep_${tag}_${userId}`, userId, currencyId: "USDT", amount: usd, usdAmount: usd, createdAt: new Date(Date.now() + 1000).toISOString() };
    const dep = await request.post("/api/v1/events/deposits", { headers: platform, data: deposit });
    expect((await dep.json()).results[0].status).toBe("applied");
  };
  await firstDeposit(de1, "500");

  // The list: the budget bar, half used.
  await page.goto(`/promo-codes?q=${code}`);
  const row = page.getByTestId(`promo-row-${code}`);
  const meter = row.getByRole("meter", { name: "Budget used" });
  await expect(meter).toHaveAttribute("aria-valuenow", "50");
  await expect(row.getByTestId("budget-bar")).toContainText("$500.00 / $1,000.00");
  await expect(page.getByTestId("promo-row-WELCOME100").getByRole("meter")).toHaveCount(0);

  // 850 of 1,000 granted: nearly spent, on the filter and the dashboard card (one more than before;
  // the seed has nearly-spent promos of its own).
  await page.goto("/");
  const before = Number((await page.getByTestId("kpi-budget-burn").textContent())?.match(/^\d+/)?.[0]);
  await firstDeposit(de2, "350");
  await page.goto("/promo-codes");
  await page.getByLabel("Budget", { exact: true }).selectOption("nearly-spent");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/budget=nearly-spent/);
  await expect(page.getByTestId(`promo-row-${code}`)).toBeVisible();
  await expect(page.getByTestId("promo-row-WELCOME100")).toHaveCount(0);
  await expectNoSeriousAxeViolation(page);
  await shoot(page, "campaign-list");

  await page.goto("/");
  await expect(page.getByTestId("kpi-budget-burn")).toHaveText(`${before + 1} nearly spent`);
  await expectNoSeriousAxeViolation(page);
  await shoot(page, "campaign-dashboard");
  await page.getByTestId("kpi-budget-burn").click();
  await expect(page).toHaveURL(/budget=nearly-spent/);
  await expect(page.getByTestId(`promo-row-${code}`)).toBeVisible();

  // The eligibility check names the failing reason in words.
  await page.goto(`/promo-codes/${promo.id}?tab=eligibility`);
  await page.getByLabel("Player id").fill(String(fr));
  await page.getByRole("button", { name: "Check" }).click();
  const result = page.getByTestId("eligibility-result");
  await expect(result).toContainText("would get NOT_ELIGIBLE — country");
  await expect(result.getByTestId("check-COUNTRY")).toHaveText("Not eligible — country: FR is not among AT, DE");
  await expect(result.getByTestId("check-DEPOSIT_RULE")).toContainText("Eligible — deposit rule: first deposit only");
  await shoot(page, "campaign-eligibility");

  // The edit: the preview counts what is left; a budget below the granted $850 is refused beside the field.
  await page.goto(`/promo-codes/${promo.id}`);
  await expect(page.getByTestId("preview-budget")).toContainText("Budget $150.00 left of $1,000.00");
  await expect(page.getByTestId("preview-budget-covers")).toHaveText("covers 0 more maximum bonuses");
  await page.getByLabel("Budget (USD, optional)").fill("800");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The budget can't be below the $850.00 already granted")).toBeVisible();
  await expect(page.getByLabel("Budget (USD, optional)")).toHaveAttribute("aria-invalid", "true");
  const [after] = await sql<{ budget: string }>(`SELECT "budgetUsdAmount"::text AS budget FROM "PromoCode" WHERE id = $1`, [promo.id]);
  expect(Number(after.budget)).toBe(1000);
});
