// `npm test` on a fresh machine finds or installs its browser, and when it can't, says in one line
// what to install and which variable to set (scripts/find-chromium.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

function lookup(vars: Record<string, string>) {
  // No PATH (so no system browser and no installer) and an empty Playwright browser folder.
  const noBrowsers = mkdtempSync(path.join(os.tmpdir(), "no-browsers-"));
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/find-chromium.ts"], {
    env: { PLAYWRIGHT_BROWSERS_PATH: noBrowsers, ...vars } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("the browser lookup", () => {
  it("with an empty PATH and no CHROMIUM_PATH: one clear line, exit 1", () => {
    const res = lookup({ PATH: "" });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe("");
    const lines = res.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/No Chromium .*apt-get install chromium.*npx playwright install chromium.*CHROMIUM_PATH/);
  });

  it("a CHROMIUM_PATH that does not exist: one line naming it, no install attempted", () => {
    const res = lookup({ PATH: "", CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe("CHROMIUM_PATH=/nonexistent/chromium is not an executable file: point it at a Chromium or Chrome binary, or unset it.");
  });

  it("a CHROMIUM_PATH that is an executable file is taken as it is (no search, no install)", () => {
    const res = lookup({ PATH: "", CHROMIUM_PATH: process.execPath });
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe(process.execPath);
  });
});
