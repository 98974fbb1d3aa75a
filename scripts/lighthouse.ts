// npm run lighthouse — Lighthouse (performance, accessibility) on the production build in Debian's Chromium
// (/usr/bin/chromium or CHROME_PATH; never a downloaded browser) for the home page, a chapter, a quiz, the
// practice canvas and the dashboard, signed in as the demo candidate where a page needs it. Targets: performance
// ≥ 95 and accessibility 100.
//
// Preset: Lighthouse's own default, the mobile one (simulated throttling: 150 ms RTT, 1.6 Mbps down, CPU slowed
// ×4, a 412×823 phone screen), as PageSpeed Insights and `lighthouse <url>` score a page. The issue names no
// preset and chapters and quizzes are read on phones, so the default is the gate. LIGHTHOUSE_PRESET=desktop runs
// Lighthouse's desktop preset instead (40 ms RTT, 10 Mbps, no CPU slowdown, 1350×940), which is what most users
// of the practice canvas have; the output names the preset either way.
//
// Every run is a first visit: Lighthouse empties the HTTP cache before it (as PageSpeed Insights does), so the
// stylesheet and scripts cross the simulated network. Simulated throttling multiplies the CPU time Chromium
// observed on this host by 4: other work on the machine lengthens every task, so a busy host scores low. Each page
// runs LIGHTHOUSE_RUNS times (default 3) and the median run (Lighthouse's computeMedianRun) is reported with what
// decides the score: each weighted metric (FCP, LCP, TBT, CLS, SI) beside its score and the points it loses, the
// main thread's work by category, the scripts that cost it and the longest tasks, in Lighthouse's own (×4)
// milliseconds, and the host's benchmark index (Lighthouse's CPU speed probe; a quiet modern desktop scores
// 1,500–2,500). Writes each median report to LIGHTHOUSE_OUT (default .lighthouse/).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { auditFlowArtifacts, desktopConfig, type Artifacts, type Flags, type Result } from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import puppeteer from "puppeteer-core";
import { signIn } from "./lib/http-session.ts";
import { startBenchServer, type BenchServer } from "../bench/lib/bench-server.ts";

const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const OUT = process.env.LIGHTHOUSE_OUT || ".lighthouse";
const TARGET = { performance: 95, accessibility: 100 };
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const DESKTOP = process.env.LIGHTHOUSE_PRESET === "desktop";
const PRESET = DESKTOP
  ? "desktop preset (simulated: 40 ms RTT, 10 Mbps, CPU ×1, 1350×940)"
  : "mobile, Lighthouse's default (simulated: 150 ms RTT, 1.6 Mbps, CPU ×4, 412×823)";
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

let warmUpNote = "";

async function main() {
  let server: BenchServer | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const rows: { name: string; path: string; performance: number; accessibility: number; failing: string[]; detail: string[] }[] = [];
  try {
    server = await startBenchServer(DIST, log, { RATE_LIMIT_SIGN_IN_PER_IP: "10000" });
    const base = server.base;
    const cookie = await signIn(base, "candidate@roundtrip.dev", "roundtrip-demo");
    // Static pages, and the build's scripts and stylesheets, are compressed on their first request
    // (server-static-pages.mjs); measure what a returning server serves: wait until each comes back in brotli.
    const assets = new Set<string>();
    for (const p of PAGES) {
      const html = await (await fetch(base + p.path, { headers: p.signedIn ? { cookie } : {} })).text();
      // Named in the HTML's tags and, escaped, in its RSC payload (the chunks of the page's client components).
      for (const m of html.matchAll(/\/_next\/static\/[^"?\\]+\.(?:js|css)/g)) assets.add(m[0]);
    }
    const brotliServed = async (url: string, headers: Record<string, string>) =>
      (await fetch(url, { method: "HEAD", headers: { ...headers, "accept-encoding": "br" } })).headers.get("content-encoding") === "br";
    const warm = [...PAGES.filter((p) => !p.signedIn).map((p) => base + p.path), ...[...assets].map((a) => base + a)];
    for (let tries = 0; warm.length && tries < 100; tries++) {
      const pending = [];
      for (const url of warm) if (!(await brotliServed(url, {}))) pending.push(url);
      warm.splice(0, warm.length, ...pending);
      if (warm.length) await new Promise((r) => setTimeout(r, 300));
    }
    if (warm.length) log(`not yet served in brotli: ${warm.join(", ")}`);
    // The server warms its evaluator threads at start (instrumentation.ts: ~2 s of CPU a thread, at nice 10), which
    // on a 2-core host overlapped the first pages' loads (the wait it now makes took 1-14 s on a busy host). The chapter,
    // measured first, scored 86, 86, 86 and 92 at once against 97, 92, 92, 97 and 96 after the warm-up, in alternating
    // runs; the pages after it moved with the host's load alone. A user arrives at a server that has long finished it,
    // so the measurement waits too. LIGHTHOUSE_WAIT_FOR_WARM_UP=0 measures at once, as this script did before.
    const warmUpOff = process.env.EVALUATOR_WARM_UP === "off";
    if (!warmUpOff && process.env.LIGHTHOUSE_WAIT_FOR_WARM_UP !== "0") {
      const since = Date.now();
      const ready = await Promise.race([server.evaluatorWarm.then(() => true), new Promise<false>((r) => setTimeout(r, 180_000, false))]);
      log(ready ? `evaluator warm-up over (waited ${Date.now() - since} ms)` : "evaluator warm-up not over after 180 s; measuring anyway");
    }
    warmUpNote = warmUpOff ? "evaluator warm-up off" : process.env.LIGHTHOUSE_WAIT_FOR_WARM_UP === "0" ? "not waiting for the evaluator warm-up" : "after the evaluator warm-up";

    chrome = await chromeLauncher.launch({
      chromePath: chromium(),
      chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    // The session cookie goes into the browser's own jar (Chromium drops a Cookie set as an extra header), and only
    // once the signed-out pages are measured: a page listed as signed out is a visitor's first visit, with no
    // session (with one, a chapter also asks the server for the reader's progress). Lighthouse resets storage before
    // each run as it does for anyone: its default clears the HTTP cache, service workers and the like but not
    // cookies, so every run is a first visit (nothing cached) of a signed-in reader or of a visitor. Each report is
    // checked to have stayed on its page (a lost session would measure the sign-in page instead).
    let cookieSet = false;
    const setSessionCookie = async () => {
      const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome!.port}` });
      const tab = (await browser.pages())[0] ?? (await browser.newPage());
      await tab.setCookie(
        ...cookie.split("; ").map((pair) => {
          const i = pair.indexOf("=");
          return { name: pair.slice(0, i), value: pair.slice(i + 1), url: base };
        }),
      );
      await browser.disconnect();
      cookieSet = true;
    };
    mkdirSync(OUT, { recursive: true });
    const config = DESKTOP ? desktopConfig : undefined;
    // Signed-out pages first (a stable sort keeps the listed order within each kind).
    for (const p of PAGES.toSorted((a, b) => Number(a.signedIn) - Number(b.signedIn))) {
      if (p.signedIn && !cookieSet) await setSessionCookie();
      log(`${p.name}: ${p.path}${p.signedIn ? " (signed in)" : ""}, ${RUNS} run${RUNS === 1 ? "" : "s"}`);
      const runs: Result[] = [];
      const gathered: { flags: Flags; artifacts: Artifacts }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const flags: Flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] };
        const result = await lighthouse(base + p.path, flags, config);
        if (!result) throw new Error(`Lighthouse returned nothing for ${p.path}`);
        if (result.lhr.runtimeError) log(`  runtime error: ${result.lhr.runtimeError.message}`);
        const landed = new URL(result.lhr.finalDisplayedUrl).pathname;
        if (landed !== p.path) throw new Error(`${p.path} ended on ${landed}: the measured page is not the one asked for`);
        runs.push(result.lhr);
        gathered.push({ flags, artifacts: result.artifacts });
      }
      // computeMedianRun returns one of the runs (its d.ts leaves the type unresolved here): take that run back.
      const median: unknown = computeMedianRun(runs);
      const lhr = runs.find((r) => r === median) ?? runs[0]!;
      writeFileSync(path.join(OUT, `${p.name.replaceAll(" ", "-")}.json`), JSON.stringify(lhr));
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && (a.scoreDisplayMode === "binary" || a.scoreDisplayMode === "numeric"))
        .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ""}`);
      const detail = describe(lhr, runs);
      if (!DESKTOP) detail.push(await calibrated(gathered));
      rows.push({ name: p.name, path: p.path, performance: score("performance"), accessibility: score("accessibility"), failing, detail });
    }
  } finally {
    await chrome?.kill();
    await server?.stop();
  }

  console.log("");
  console.log(`Lighthouse ${PRESET}; median of ${RUNS} run${RUNS === 1 ? "" : "s"} per page (${warmUpNote}); targets: performance ≥ ${TARGET.performance}, accessibility ${TARGET.accessibility}`);
  let missed = false;
  for (const r of rows) {
    const ok = r.performance >= TARGET.performance && r.accessibility >= TARGET.accessibility;
    missed ||= !ok;
    console.log(`${r.name.padEnd(16)} performance ${String(r.performance).padStart(3)}   accessibility ${String(r.accessibility).padStart(3)}   ${ok ? "OK" : "MISSED"}   ${r.path}`);
    for (const line of r.detail) console.log(`${"".padEnd(16)} ${line}`);
    if (!ok && r.failing.length) console.log(`${"".padEnd(16)} below 90: ${r.failing.join(", ")}`);
  }
  console.log(`load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores: other work on the machine lowers the performance scores; reports in ${OUT}/`);
  if (missed) process.exitCode = 1;
}

/**
 * Lighthouse's CPU slowdown calculator (docs/throttling.md, "Calibrating the CPU slowdown", and the calculator it
 * links): the multiplier that brings a host of this benchmark index to the mid-tier phone the mobile preset aims
 * at. The default ×4 is that multiplier for an index of ~1,530; a faster host needs more, a slower (or busier) one less.
 */
function calibratedMultiplier(benchmarkIndex: number): number {
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return Math.max(1, 1 + (benchmarkIndex - 150) / 650);
}

/**
 * Information only, never the gate: each run re-scored from its own recorded trace and network log (no new page
 * load) with the CPU slowdown calibrated to the benchmark index Lighthouse measured at the start of that run. On a
 * shared host the index drops when the machine is busy, as the page's task times grow, so this row says how much
 * of a low score is the host rather than the page. The same runs re-scored at ×4 must give the gate's own scores.
 */
async function calibrated(gathered: { flags: Flags; artifacts: Artifacts }[]): Promise<string> {
  const rescore = async ({ flags, artifacts }: { flags: Flags; artifacts: Artifacts }, multiplier: number) => {
    const throttling = { ...artifacts.settings.throttling, cpuSlowdownMultiplier: multiplier };
    const { steps } = await auditFlowArtifacts({
      gatherSteps: [{ artifacts: { ...artifacts, settings: { ...artifacts.settings, throttling } }, flags: { ...flags, throttling } }],
    });
    return Math.round((steps[0]?.lhr.categories.performance?.score ?? 0) * 100);
  };
  const rows = [];
  for (const run of gathered) {
    const multiplier = calibratedMultiplier(run.artifacts.BenchmarkIndex);
    rows.push({ index: run.artifacts.BenchmarkIndex, multiplier, score: await rescore(run, multiplier), atFour: await rescore(run, 4) });
  }
  const median = rows.toSorted((a, b) => a.score - b.score)[Math.floor((rows.length - 1) / 2)]!;
  const each = rows.map((r) => `index ${Math.round(r.index)} → ×${r.multiplier.toFixed(1)} → ${r.score} (×4: ${r.atFour})`).join("; ");
  return `calibrated to this host's benchmark index (information, not the gate): median ${median.score}; ${each}`;
}

type Item = Record<string, unknown>;
const items = (lhr: Result, id: string): Item[] => {
  const details = lhr.audits[id]?.details;
  return details && "items" in details ? (details.items as Item[]) : [];
};
const ms = (v: unknown) => `${Math.round(Number(v) || 0)} ms`;
const file = (url: unknown) => String(url).replace(/^https?:\/\/[^/]+/, "").replace(/^\/_next\/static\/chunks\//, "") || "(document)";

/**
 * What decides the performance score of one page: each weighted metric beside its score and the points it costs
 * (weight × (1 − score), so the metric to work on is the one losing most), the main thread's work, the costliest
 * scripts and the longest tasks.
 */
function describe(lhr: Result, runs: Result[]): string[] {
  const a = lhr.audits;
  const perRun = runs.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100)).join("/");
  const metrics = (lhr.categories.performance?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => {
      const audit = a[ref.id];
      const score = audit?.score ?? 0;
      const value = ref.id === "cumulative-layout-shift" ? (audit?.numericValue ?? 0).toFixed(3) : ms(audit?.numericValue);
      return `${ref.acronym ?? ref.id} ${value} → ${score.toFixed(2)} (−${(ref.weight * (1 - score)).toFixed(1)} of ${ref.weight})`;
    });
  const thread = items(lhr, "mainthread-work-breakdown").map((i) => `${String(i.group)} ${ms(i.duration)}`);
  const scripts = items(lhr, "bootup-time")
    .slice(0, 4)
    .map((i) => `${file(i.url)} ${ms(i.total)} (evaluation ${ms(i.scripting)})`);
  const longTasks = items(lhr, "long-tasks")
    .slice(0, 5)
    .map((i) => `${file(i.url)} ${ms(i.duration)}`);
  return [
    `${metrics.join(", ")}`,
    `runs ${perRun}; benchmark index ${lhr.environment.benchmarkIndex}; DOM ${Math.round(a["dom-size"]?.numericValue ?? 0)} elements`,
    `main thread: ${thread.join(", ")}`,
    `scripts: ${scripts.join("; ")}`,
    `longest tasks: ${longTasks.join(", ")}`,
  ];
}

main().catch((error: unknown) => {
  console.error(`[lighthouse] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
