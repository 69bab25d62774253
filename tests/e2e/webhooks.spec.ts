// Issue #19, Settings → Webhooks as an admin: an endpoint pointing at a receiver of this spec's own on
// loopback (the e2e server runs with WEBHOOK_ALLOW_PRIVATE=1, tests/e2e/serve.ts) is refused with
// field errors, then created; its secret is shown once; a ping reaches the receiver signed with it and
// the dialog shows the receiver's 200; the ping is in the delivery log, found by its filters, with its
// attempt on the delivery's page. A promo manager has no link and gets "No access" by address.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";

import { expectNoSeriousAxeViolation } from "./support/axe";
import { sql } from "./support/db";
import { storageStateFor } from "./support/state";

/** The page (or the open dialog) at desktop and phone width, with an axe check at each, into /tmp/shots. */
async function shootAndCheck(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 1280 ? 900 : 844 });
    await page.waitForTimeout(250);
    await expectNoSeriousAxeViolation(page);
    await page.screenshot({ path: `/tmp/shots/webhooks-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

type TReceived = { headers: IncomingHttpHeaders; body: string };

test.describe("Settings → Webhooks (admin)", () => {
  test.use({ storageState: storageStateFor("ADMIN") });

  let server: Server;
  let url: string;
  const received: TReceived[] = [];

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { "content-type": "text/plain" }).end("received <b>ok</b>");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rollover-${Date.now()}`;
  });
  test.afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  test("creates an endpoint (secret once), pings it, and finds the ping in its delivery log", async ({ page }) => {
    test.setTimeout(120_000);

    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Webhooks", exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    // Bad input is refused beside its field; nothing is saved until it is fixed.
    await page.getByRole("button", { name: "New endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "New webhook endpoint" });
    await expect(dialog.getByLabel("URL")).toBeFocused();
    await dialog.getByLabel("URL").fill("ftp://127.0.0.1/hook");
    // Every event type unticked (all are ticked for a new endpoint).
    for (const box of await dialog.locator('input[name="eventTypes"]').all()) await box.uncheck();
    await dialog.getByRole("button", { name: "Create endpoint" }).click();
    await expect(dialog.getByText("Use an https:// (or http://) URL")).toBeVisible();
    await expect(dialog.getByText("Choose at least one event type")).toBeVisible();
    await expect(dialog.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByLabel("URL").fill("https://crm:hunter2@127.0.0.1/hook");
    await dialog.getByRole("button", { name: "Create endpoint" }).click();
    await expect(dialog.getByText(/Credentials don't belong in the URL/)).toBeVisible();
    await shootAndCheck(page, "dialog-errors");

    await dialog.getByLabel("URL").fill(url);
    await dialog.getByLabel("Description").fill("CRM receiver (e2e)");
    await dialog.getByRole("checkbox", { name: /claim\.created/ }).check();
    await dialog.getByRole("checkbox", { name: /bonus\.completed/ }).check();
    await dialog.getByRole("button", { name: "Create endpoint" }).click();

    // The secret, shown this once.
    const shown = page.getByRole("dialog", { name: "Copy the signing secret now" });
    const secret = (await shown.getByTestId("new-webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const [row] = await sql<{ id: string; secret: string; eventTypes: string[] }>(`SELECT id, secret, "eventTypes" FROM "WebhookEndpoint" WHERE url = $1`, [url]);
    expect(row.secret).toBe(secret);
    expect(row.eventTypes).toEqual(["claim.created", "bonus.completed"]);
    await shootAndCheck(page, "secret");
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(shown).toBeHidden();

    const listed = page.getByTestId(`webhook-${row.id}`);
    await expect(listed).toContainText(url);
    await expect(listed).toContainText("CRM receiver (e2e)");
    await expect(listed).toContainText("claim.created");
    await expect(listed).toContainText("Healthy");
    await page.reload();
    await expect(page.getByText(secret)).toHaveCount(0); // never shown again
    await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
    await shootAndCheck(page, "list");

    // Ping: the receiver gets a ping signed with the secret; the dialog shows its 200 and the time.
    await listed.getByRole("button", { name: `Ping ${url}` }).click();
    const ping = page.getByRole("dialog", { name: "Ping the endpoint" });
    await expect(ping.getByTestId("ping-result")).toContainText("HTTP 200", { timeout: 20_000 });
    await expect(ping.getByTestId("ping-result")).toContainText(/in \d+ ms/);
    await expect(ping.getByTestId("ping-result")).toContainText("Delivered");
    const got = received.at(-1)!;
    const verified = new Webhook(secret).verify(got.body, {
      "webhook-id": String(got.headers["webhook-id"]),
      "webhook-timestamp": String(got.headers["webhook-timestamp"]),
      "webhook-signature": String(got.headers["webhook-signature"]),
    }) as { type: string };
    expect(verified.type).toBe("ping");
    const webhookId = String(got.headers["webhook-id"]);
    await shootAndCheck(page, "ping");
    await ping.getByRole("button", { name: "Done" }).click();

    // The delivery log: the ping, delivered on its first attempt; the filters find it or leave it out.
    await listed.getByRole("link", { name: url }).click();
    await expect(page).toHaveURL(new RegExp(`/settings/webhooks/${row.id}$`));
    const delivery = page.getByTestId(`delivery-${webhookId}`);
    await expect(delivery).toContainText("ping");
    await expect(delivery).toContainText("Delivered");
    await expect(delivery).toContainText("HTTP 200");

    await page.getByRole("combobox", { name: "Status" }).selectOption("DELIVERED");
    await page.getByRole("combobox", { name: "Event type" }).selectOption("ping");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=DELIVERED/);
    await expect(page).toHaveURL(/type=ping/);
    await expect(delivery).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(/^1 delivery/);
    await shootAndCheck(page, "log");

    await page.getByRole("combobox", { name: "Event type" }).selectOption("claim.created");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/type=claim\.created/);
    await expect(page.getByText("No delivery matches these filters")).toBeVisible();
    await expect(delivery).toHaveCount(0);

    // The delivery's page: the attempt and the receiver's answer, as text.
    await page.goto(`/settings/webhooks/${row.id}?type=ping`);
    await delivery.getByRole("link", { name: "ping" }).click();
    await expect(page.getByTestId("webhook-id")).toContainText(webhookId);
    await expect(page.getByTestId("last-response")).toHaveText("received <b>ok</b>");
    await expect(page.getByTestId("webhook-attempts")).toContainText("HTTP 200");
    await shootAndCheck(page, "delivery");

    // Resend: queued again, due now, for the worker (not running in this server) to send with the same webhook-id.
    await page.getByRole("button", { name: "Resend" }).click();
    await expect(page.getByTestId("delivery-status")).toHaveText("Pending");
    await expect(page.getByText(/next attempt/)).toBeVisible();
    const [queued] = await sql<{ status: string; eventId: string }>(`SELECT status, "eventId" FROM "WebhookDelivery" WHERE "eventId" = $1`, [webhookId]);
    expect(queued).toEqual({ status: "PENDING", eventId: webhookId });

    // Rotate (More menu on the endpoint's page): a new secret shown once; the old one signs for 24 h more.
    await page.goto(`/settings/webhooks/${row.id}`);
    await page.getByRole("button", { name: `More actions for ${url}` }).click();
    await page.getByRole("menuitem", { name: "Rotate secret" }).click();
    await page.getByRole("dialog", { name: "Rotate the signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
    const rotated = page.getByRole("dialog", { name: "Copy the new secret now" });
    const next = (await rotated.getByTestId("new-webhook-secret").textContent())!.trim();
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    const [keys] = await sql<{ secret: string; previousSecret: string; hours: number }>(
      `SELECT secret, "previousSecret", extract(epoch FROM "previousSecretExpiresAt" - now())::float8 / 3600 AS hours FROM "WebhookEndpoint" WHERE id = $1`,
      [row.id],
    );
    expect(keys).toMatchObject({ secret: next, previousSecret: secret });
    expect(keys.hours).toBeGreaterThan(23.9);
    await rotated.getByRole("button", { name: "Done" }).click();
    await expect(page.getByText(next)).toHaveCount(0);

    const audit = await sql<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM "AuditLog" WHERE "entityType" = 'WebhookEndpoint' AND "entityId" = $1 ORDER BY id`,
      [row.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["webhook_endpoint.create", "webhook_endpoint.rotate_secret"]);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
    expect(JSON.stringify(audit)).not.toContain(next.slice(6));
  });

  test("a promo's Grants tab lists the grants made (none for a seeded promo)", async ({ page }) => {
    const [promo] = await sql<{ id: string }>(`SELECT id FROM "PromoCode" ORDER BY "createdAt" LIMIT 1`);
    await page.goto(`/promo-codes/${promo.id}?tab=grants`);
    await expect(page.getByRole("tab", { name: /^Grants \(\d+\)$/ })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("navigation", { name: "Pages" }).last()).toContainText(/grants? · page 1 of 1/);
    await expectNoSeriousAxeViolation(page);
  });
});

test.describe("Webhooks are admin-only", () => {
  test.use({ storageState: storageStateFor("PROMO_MANAGER") });

  test("a promo manager has no link and gets 'No access' by address", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Webhooks", exact: true })).toHaveCount(0);
    await page.goto("/settings/webhooks");
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  });
});
