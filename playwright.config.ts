import { defineConfig, devices } from "@playwright/test";

import { rawEnv } from "./lib/env";
import { findChromium } from "./tests/support/chromium";

const port = Number(rawEnv("E2E_PORT") ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// CHROMIUM_PATH, a browser Playwright has, or the system's (`npm test` finds or installs one first:
// scripts/find-chromium.ts); the flags keep it off the network it can't reach.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: findChromium().path ?? undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: rawEnv("CI") ? 1 : 0,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: { baseURL, screenshot: "only-on-failure", trace: "retain-on-failure" },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: chromium },
    { name: "admin", testMatch: /.*\.spec\.ts/, dependencies: ["setup"], use: chromium },
  ],
  // Its own fresh database, migrated and seeded, then `next start` (build first: npm run build).
  webServer: {
    command: `node --conditions=react-server --import tsx tests/e2e/serve.ts`,
    url: `${baseURL}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
