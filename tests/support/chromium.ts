// Where the browser tests' Chromium is: CHROMIUM_PATH, else a browser Playwright already has, else the
// system's. No installs here (scripts/find-chromium.ts adds those for `npm test`).
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";

import { chromium } from "@playwright/test";

import { rawEnv } from "@/lib/env";

const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome"];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` found on PATH (searched by hand: PATH may be empty, and there may be no `which`). */
export function onPath(names: string[]): string | null {
  const dirs = (rawEnv("PATH") ?? "").split(path.delimiter).filter(Boolean);
  for (const name of names) for (const dir of dirs) if (isExecutable(path.join(dir, name))) return path.join(dir, name);
  return null;
}

export type TChromiumLookup = { path: string; source: string } | { path: null; problem: string };

export function findChromium(): TChromiumLookup {
  const configured = rawEnv("CHROMIUM_PATH");
  if (configured) {
    return isExecutable(configured)
      ? { path: configured, source: "CHROMIUM_PATH" }
      : { path: null, problem: `CHROMIUM_PATH=${configured} is not an executable file: point it at a Chromium or Chrome binary, or unset it.` };
  }
  const playwrights = chromium.executablePath();
  if (playwrights && existsSync(playwrights) && isExecutable(playwrights)) return { path: playwrights, source: "Playwright's" };
  const system = onPath(SYSTEM_NAMES);
  if (system) return { path: system, source: "the system's" };
  return { path: null, problem: "No Chromium found" };
}
