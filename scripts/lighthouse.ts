// npm run lighthouse — Lighthouse (performance, accessibility) on the production build in Debian's Chromium
// (/usr/bin/chromium or CHROME_PATH; never a downloaded browser) for the home page, a chapter, a quiz, the
// practice canvas and the dashboard, signed in as the demo candidate where a page needs it. Targets: performance
// ≥ 95 and accessibility 100. Performance is measured with Lighthouse's default simulated mobile throttling;
// other work on the machine lengthens main-thread tasks, so on a busy host the performance figure is pessimistic.
// LIGHTHOUSE_PRESET=desktop uses the desktop preset. Writes each full report to LIGHTHOUSE_OUT (default
// .lighthouse/) for the failing audits' details.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import puppeteer from "puppeteer-core";
import { signIn } from "./lib/http-session.ts";
import { startBenchServer, type BenchServer } from "../bench/lib/bench-server.ts";

const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const OUT = process.env.LIGHTHOUSE_OUT || ".lighthouse";
const TARGET = { performance: 95, accessibility: 100 };
const log = (m: string) => console.log(`[lighthouse] ${m}`);

// LIGHTHOUSE_PAGES=quiz,dashboard runs only those.
const ALL_PAGES: { name: string; path: string; signedIn: boolean }[] = [
  { name: "home", path: "/", signedIn: false },
  { name: "chapter", path: "/learn/big-picture", signedIn: false },
  { name: "quiz", path: "/quizzes/big-picture", signedIn: true },
  { name: "practice canvas", path: "/practice/chat-websockets", signedIn: true },
  { name: "dashboard", path: "/dashboard", signedIn: true },
];
const only = process.env.LIGHTHOUSE_PAGES?.split(",").map((s) => s.trim());
const PAGES = only ? ALL_PAGES.filter((p) => only.includes(p.name)) : ALL_PAGES;

function chromium(): string {
  const found = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
  if (!found) throw new Error("Chromium is not installed: run `apt-get install chromium` (or set CHROME_PATH), then try again.");
  return found;
}

async function main() {
  let server: BenchServer | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const rows: { name: string; path: string; performance: number; accessibility: number; failing: string[] }[] = [];
  try {
    server = await startBenchServer(DIST, log, { RATE_LIMIT_SIGN_IN_PER_IP: "10000" });
    const base = server.base;
    const cookie = await signIn(base, "candidate@roundtrip.dev", "roundtrip-demo");
    // Static pages are compressed on their first request; measure what a returning server serves.
    for (const p of PAGES) await fetch(base + p.path, { headers: p.signedIn ? { cookie } : {} });
    await new Promise((r) => setTimeout(r, 3000));

    chrome = await chromeLauncher.launch({
      chromePath: chromium(),
      chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    // The session cookie goes into the browser's own jar (Chromium drops a Cookie set as an extra header), and
    // Lighthouse is told to keep storage so the signed-in pages stay signed in.
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const tab = (await browser.pages())[0] ?? (await browser.newPage());
    await tab.setCookie(
      ...cookie.split("; ").map((pair) => {
        const i = pair.indexOf("=");
        return { name: pair.slice(0, i), value: pair.slice(i + 1), url: base };
      }),
    );
    await browser.disconnect();
    mkdirSync(OUT, { recursive: true });
    const config = process.env.LIGHTHOUSE_PRESET === "desktop" ? desktopConfig : undefined;
    for (const p of PAGES) {
      log(`${p.name}: ${p.path}${p.signedIn ? " (signed in)" : ""}`);
      const result = await lighthouse(
        base + p.path,
        {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
          disableStorageReset: true,
        },
        config,
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${p.path}`);
      const lhr = result.lhr;
      writeFileSync(path.join(OUT, `${p.name.replaceAll(" ", "-")}.json`), typeof result.report === "string" ? result.report : JSON.stringify(lhr));
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && (a.scoreDisplayMode === "binary" || a.scoreDisplayMode === "numeric"))
        .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ""}`);
      rows.push({ name: p.name, path: p.path, performance: score("performance"), accessibility: score("accessibility"), failing });
      if (lhr.runtimeError) log(`  runtime error: ${lhr.runtimeError.message}`);
    }
  } finally {
    await chrome?.kill();
    await server?.stop();
  }

  console.log("");
  console.log(`Lighthouse ${process.env.LIGHTHOUSE_PRESET === "desktop" ? "desktop" : "mobile (simulated throttling)"}, targets: performance ≥ ${TARGET.performance}, accessibility ${TARGET.accessibility}`);
  let missed = false;
  for (const r of rows) {
    const ok = r.performance >= TARGET.performance && r.accessibility >= TARGET.accessibility;
    missed ||= !ok;
    console.log(`${r.name.padEnd(16)} performance ${String(r.performance).padStart(3)}   accessibility ${String(r.accessibility).padStart(3)}   ${ok ? "OK" : "MISSED"}   ${r.path}`);
    if (!ok && r.failing.length) console.log(`${"".padEnd(16)} below 90: ${r.failing.join(", ")}`);
  }
  console.log(`load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores: other work on the machine lowers the performance scores; reports in ${OUT}/`);
  if (missed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`[lighthouse] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
