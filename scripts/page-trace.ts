// npx tsx scripts/page-trace.ts — where a page's main-thread CPU goes on a first visit, measured as thread time
// (CPU time of Chromium's renderer main thread, the trace's `tdur`), which other work on a busy host does not
// lengthen the way it lengthens wall time (Lighthouse's simulated TBT is built from wall time ×4).
// Uses the production build in NEXT_DIST_DIR (default .next-bench; BENCH_REUSE_BUILD=1 as for npm run lighthouse).
// TRACE_PAGES=/,/learn/big-picture (default), TRACE_RUNS=5. Prints, per page, the median over the runs of the total
// main-thread CPU up to 3 s after load, of the part in tasks over 12.5 ms (the ones that block for 50 ms once ×4),
// and the largest tasks of the median run with what they spent their time on (TRACE_ORDER=time: all tasks over 5 ms
// in the order they ran). TRACE_PROFILE=1 adds a sampled JS profile (self and inclusive time per function; it slows
// the page, so read it for where, not how much; TRACE_PROFILE_INTERVAL=µs between samples, default 100),
// TRACE_PROFILE_OVER=ms only inside tasks longer than that; scripts that are the framework's own say so.
// TRACE_SIGNED_IN=1 visits as the demo candidate (the quiz, the practice canvas and the dashboard need a session). Each
// page also prints the scripts it fetched (bytes on the wire, median run), how many of those bytes were asked for
// before the page's last largest-contentful-paint candidate, and the candidates themselves (which element, when).
// TRACE_SAVE=dir writes each run's trace (and profile) there, to open in Chrome's performance panel.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { startBenchServer } from "../bench/lib/bench-server.ts";
import { signIn } from "./lib/http-session.ts";

const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const PAGES = (process.env.TRACE_PAGES ?? "/,/learn/big-picture").split(",");
const RUNS = Number(process.env.TRACE_RUNS ?? 5);
const SIGNED_IN = process.env.TRACE_SIGNED_IN === "1";
const log = (m: string) => console.log(`[page-trace] ${m}`);

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; args?: Record<string, unknown>; cat: string };
type Task = { ts: number; end: number; cpu: number; parts: Map<string, number> };
type Script = { url: string; bytes: number; requested: number };

// The scripts the page fetched from the app (not the browser's own), from the renderer's resource events: bytes on
// the wire and when each was asked for, in ms from the first task on the page's main thread (as the task times).
function scriptsOf(events: TraceEvent[], origin: string, t0: number): { scripts: Script[]; lcp: number } {
  const renderer = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((x) => x.pid === e.pid && x.name === "ParseHTML"))!.pid;
  const sent = new Map<string, { url: string; ts: number }>();
  const bytes = new Map<string, number>();
  for (const e of events) {
    const data = e.args?.data as { requestId?: string; url?: string; encodedDataLength?: number } | undefined;
    if (!data?.requestId) continue;
    if (e.name === "ResourceSendRequest" && data.url?.startsWith(origin) && !sent.has(data.requestId)) sent.set(data.requestId, { url: data.url, ts: e.ts });
    if (e.name === "ResourceFinish" && data.encodedDataLength !== undefined) bytes.set(data.requestId, data.encodedDataLength);
  }
  const lcps = events.filter((e) => e.pid === renderer && e.name === "largestContentfulPaint::Candidate").map((e) => e.ts);
  const scripts = [...sent]
    .filter(([, r]) => /\.js(\?|$)/.test(r.url))
    .map(([id, r]) => ({ url: r.url.slice(origin.length).replace("/_next/static/chunks/", ""), bytes: bytes.get(id) ?? 0, requested: (r.ts - t0) / 1000 }));
  return { scripts, lcp: lcps.length ? (Math.max(...lcps) - t0) / 1000 : Infinity };
}

// What a task spent its time on: thread time of each kind of event inside it, less the events nested in it.
function label(e: TraceEvent): string {
  const data = e.args?.data as { url?: string; functionName?: string } | undefined;
  const url = data?.url?.replace(/^https?:\/\/[^/]+/, "").replace("/_next/static/chunks/", "");
  return url && (e.name === "EvaluateScript" || e.name === "v8.compile") ? `${e.name} ${url}` : e.name;
}

function mainThreadTasks(events: TraceEvent[]): Task[] {
  const threadName = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((x) => x.pid === e.pid && x.name === "ParseHTML"));
  if (!threadName) throw new Error("no renderer main thread in the trace");
  const mine = events
    .filter((e) => e.pid === threadName.pid && e.tid === threadName.tid && e.ph === "X" && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: Task[] = [];
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  let current: Task | null = null;
  const pop = () => {
    const top = stack.pop()!;
    const self = ((top.e.tdur ?? 0) - top.child) / 1000;
    if (current && self > 0) current.parts.set(label(top.e), (current.parts.get(label(top.e)) ?? 0) + self);
    if (stack.length) stack[stack.length - 1]!.child += top.e.tdur ?? 0;
  };
  for (const e of mine) {
    while (stack.length && e.ts >= stack[stack.length - 1]!.end) pop();
    if (!stack.length) {
      current = { ts: e.ts, end: e.ts + (e.dur ?? 0), cpu: (e.tdur ?? 0) / 1000, parts: new Map() };
      tasks.push(current);
    }
    stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
  }
  while (stack.length) pop();
  return tasks;
}

const PROFILE = process.env.TRACE_PROFILE === "1";
type Profile = { startTime: number; windows?: [number, number][]; nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] };

/** Self time per function over all runs' sampled profiles (TRACE_PROFILE=1), largest first, and per script. */
function printProfile(profiles: Profile[], framework: Set<string>) {
  const self = new Map<string, number>();
  const perUrl = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const name = (id: number) => {
      const f = byId.get(id)!.callFrame;
      return `${f.functionName || "(anonymous)"} ${f.url.replace(/^https?:\/\/[^/]+/, "").replace("/_next/static/chunks/", "")}:${f.lineNumber}:${f.columnNumber}`;
    };
    let at = profile.startTime;
    const inWindow = profile.samples.map((_, i) => {
      at += profile.timeDeltas[i] ?? 0;
      return !profile.windows || profile.windows.some(([a, b]) => at >= a && at <= b);
    });
    profile.samples.forEach((id, i) => {
      if (!inWindow[i]) return;
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(name(n));
      for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000 / profiles.length);
    });
    profile.samples.forEach((id, i) => {
      if (!inWindow[i]) return;
      const frame = byId.get(id)!.callFrame;
      const url = frame.url.replace(/^https?:\/\/[^/]+/, "").replace("/_next/static/chunks/", "");
      const key = `${frame.functionName || "(anonymous)"} ${url}:${frame.lineNumber}:${frame.columnNumber}`;
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000 / profiles.length;
      self.set(key, (self.get(key) ?? 0) + ms);
      perUrl.set(url || frame.functionName, (perUrl.get(url || frame.functionName) ?? 0) + ms);
    });
  }
  log(`  sampled self time per run, by script: ${[...perUrl].filter(([u]) => u !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, 10).map(([u, v]) => `${u}${framework.has(u) ? " (framework)" : ""} ${round(v)}`).join(", ")}`);
  for (const [k, v] of [...self].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, 30)) log(`    ${round(v)} ms ${k}`);
  log("  inclusive:");
  for (const [k, v] of [...inclusive].filter(([k]) => !k.startsWith("(idle)") && !k.startsWith("(program)") && !k.startsWith("(root)")).sort((a, b) => b[1] - a[1]).slice(0, 60)) log(`    ${round(v)} ms ${k}`);
}

// Style, layout, text shaping and paint: the rendering work a page's size and CSS decide.
const RENDERING = /performLayout|recalcStyle|rebuildLayoutTree|ShapeText|^Paint$|PrePaint|Layerize|UpdateLayoutTree|^Layout$/;

/** The framework's own chunks (every page's rootMainFiles: React DOM, the router, Turbopack's runtime), by file name. */
function frameworkChunks(): Set<string> {
  const manifest = JSON.parse(readFileSync(path.join(DIST, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[] };
  return new Set((manifest.rootMainFiles ?? []).map((f) => f.replace("static/chunks/", "")));
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const chromium = [process.env.CHROME_PATH, "/usr/bin/chromium"].find((p) => p && existsSync(p));
  if (!chromium) throw new Error("no Chromium");
  const server = await startBenchServer(DIST, log);
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const cookie = SIGNED_IN ? await signIn(server.base, "candidate@roundtrip.dev", "roundtrip-demo") : null;
    for (const p of PAGES) await fetch(server.base + p, { headers: cookie ? { cookie } : {} });
    await new Promise((r) => setTimeout(r, 2000));
    for (const p of PAGES) {
      const profiles: Profile[] = [];
      const lcps: string[] = [];
      const runs: { total: number; long: number; render: number; tasks: Task[]; scripts: Script[]; lcp: number }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        if (cookie) {
          await context.setCookie(
            ...cookie.split("; ").map((pair) => {
              const eq = pair.indexOf("=");
              return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: new URL(server.base).hostname, path: "/" };
            }),
          );
        }
        await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
        const cdp = PROFILE ? await page.createCDPSession() : null;
        if (cdp) {
          await cdp.send("Profiler.enable");
          await cdp.send("Profiler.setSamplingInterval", { interval: Number(process.env.TRACE_PROFILE_INTERVAL ?? 100) });
          await cdp.send("Profiler.start");
        }
        await page.tracing.start({ categories: ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "blink", "loading", "__metadata"] });
        await page.goto(server.base + p, { waitUntil: "load" });
        if (new URL(page.url()).pathname !== p) throw new Error(`${p} ended on ${page.url()} (signed out?)`);
        await new Promise((r) => setTimeout(r, 3000));
        const buffer = await page.tracing.stop();
        // The largest-contentful-paint candidates the browser reported, in order: which element, how big, when.
        lcps.push(
          await page.evaluate(
            () =>
              new Promise<string>((resolve) => {
                new PerformanceObserver((list) => {
                  const entries = list.getEntries() as (PerformanceEntry & { element: Element | null; size: number })[];
                  resolve(
                    entries
                      .map((e) => `<${e.element?.tagName.toLowerCase() ?? "?"}${e.element?.id ? `#${e.element.id}` : ""}> "${(e.element?.textContent ?? "").trim().slice(0, 40)}" ${e.size} px² at ${Math.round(e.startTime)} ms`)
                      .join(" → "),
                  );
                }).observe({ type: "largest-contentful-paint", buffered: true });
              }),
          ),
        );
        const profile = cdp ? ((await cdp.send("Profiler.stop")).profile as Profile) : null;
        if (process.env.TRACE_SAVE) {
          mkdirSync(process.env.TRACE_SAVE, { recursive: true });
          const base = path.join(process.env.TRACE_SAVE, `${p.replaceAll("/", "_") || "_"}-${i + 1}`);
          writeFileSync(`${base}.trace.json`, Buffer.from(buffer!));
          if (profile) writeFileSync(`${base}.cpuprofile`, JSON.stringify(profile));
        }
        await context.close();
        const events = (JSON.parse(Buffer.from(buffer!).toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
        const tasks = mainThreadTasks(events);
        if (profile) {
          // TRACE_PROFILE_OVER=ms: only samples inside tasks longer than that (default: all samples).
          const over = Number(process.env.TRACE_PROFILE_OVER ?? 0);
          if (over) profile.windows = tasks.filter((t) => t.cpu > over).map((t) => [t.ts, t.end]);
          profiles.push(profile);
        }
        const render = tasks.reduce((s, t) => s + [...t.parts].filter(([k]) => RENDERING.test(k)).reduce((a, [, v]) => a + v, 0), 0);
        runs.push({ total: tasks.reduce((s, t) => s + t.cpu, 0), long: tasks.filter((t) => t.cpu > 12.5).reduce((s, t) => s + t.cpu, 0), render, tasks, ...scriptsOf(events, server.base, tasks[0]?.ts ?? 0) });
      }
      const byTotal = runs.toSorted((a, b) => a.long - b.long);
      const mid = byTotal[Math.floor(byTotal.length / 2)]!;
      log(`${p}: main-thread CPU ${round(median(runs.map((r) => r.total)))} ms (runs ${runs.map((r) => round(r.total)).join(", ")}); in tasks over 12.5 ms: ${round(median(runs.map((r) => r.long)))} ms (runs ${runs.map((r) => round(r.long)).join(", ")}); style, layout and paint: ${round(median(runs.map((r) => r.render)))} ms (runs ${runs.map((r) => round(r.render)).join(", ")})`);
      const kib = (b: number) => `${round(b / 1024)} KiB`;
      const before = (r: (typeof runs)[number]) => r.scripts.filter((x) => x.requested < r.lcp).reduce((a, x) => a + x.bytes, 0);
      log(`  scripts on the wire: ${kib(median(runs.map((r) => r.scripts.reduce((a, x) => a + x.bytes, 0))))}, asked for before the last LCP candidate: ${kib(median(runs.map(before)))} (runs ${runs.map((r) => kib(before(r))).join(", ")}); LCP candidate at ${round(median(runs.map((r) => r.lcp)))} ms`);
      for (const x of mid.scripts.toSorted((a, b) => b.bytes - a.bytes)) log(`    ${kib(x.bytes)} ${x.url} (asked for at ${Math.round(x.requested)} ms${x.requested < mid.lcp ? "" : ", after LCP"})`);
      log(`  largest-contentful-paint candidates (run ${runs.indexOf(mid) + 1}): ${lcps[runs.indexOf(mid)]}`);
      const t0 = mid.tasks[0]?.ts ?? 0;
      const shown = mid.tasks.filter((t) => t.cpu > 5);
      for (const t of process.env.TRACE_ORDER === "time" ? shown : shown.sort((a, b) => b.cpu - a.cpu).slice(0, 8)) {
        const parts = [...t.parts].filter(([, v]) => v >= 0.5).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${round(v)}`);
        log(`  task at ${Math.round((t.ts - t0) / 1000)} ms: ${round(t.cpu)} ms CPU (${round((t.end - t.ts) / 1000)} ms wall): ${parts.join(", ")}`);
      }
      if (PROFILE) printProfile(profiles, frameworkChunks());
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
