// Prints the path of a Chromium for the browser tests, installing one if the machine has none.
// Order: CHROMIUM_PATH; a browser Playwright already has; the system's chromium; else try
// `npx playwright install chromium`, and as root on Debian/Ubuntu `apt-get install chromium`.
// If none works: one line on stderr saying what to install and which variable to set, exit 1.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

import { childEnv, rawEnv } from "../lib/env";
import { findChromium, onPath } from "../tests/support/chromium";

const HOW_TO =
  "No Chromium for the browser tests: install one (Debian/Ubuntu: apt-get install chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH to its binary.";

function tryRun(cmd: string | null, args: string[]): boolean {
  if (!cmd) return false;
  console.error(`browser: trying ${cmd} ${args.join(" ")}`);
  const res = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "ignore"], timeout: 600_000 });
  return res.status === 0;
}

function found(): string | null {
  const lookup = findChromium();
  if (lookup.path !== null) return lookup.path;
  // A CHROMIUM_PATH that is wrong is the user's word: say so rather than install something else.
  if (rawEnv("CHROMIUM_PATH")) {
    console.error(lookup.problem);
    process.exit(1);
  }
  return null;
}

let browser = found();
if (!browser && tryRun(onPath(["npx"]), ["--no-install", "playwright", "install", "chromium"])) browser = found();
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const apt = onPath(["apt-get"]);
if (!browser && isRoot && apt && existsSync("/etc/debian_version")) {
  const env = childEnv({ DEBIAN_FRONTEND: "noninteractive" });
  const run = (args: string[]) => {
    console.error(`browser: apt-get ${args.join(" ")}`);
    return spawnSync(apt, args, { stdio: ["ignore", "ignore", "ignore"], env, timeout: 900_000 }).status === 0;
  };
  if (run(["update", "-qq"]) && run(["install", "-y", "-qq", "chromium"])) browser = found();
}
if (!browser) {
  console.error(HOW_TO);
  process.exit(1);
}
console.log(browser);
