// npm run bench:chapter — a chapter page from the production server (server.mjs) against nginx serving the very
// same bytes from disk, alternating in one run, 64 connections on loopback, as a browser asks (gzip, deflate, br).
// Target: ≥ 0.5× nginx's requests/s. Also prints the first-load JS of the page, framework vs ours (target: ours
// ≤ 15 kB gzipped). A benchmark, never a timed test. BENCH_DURATION (s per round, default 5), BENCH_ROUNDS (3).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { firstLoadJs } from "./lib/first-load-js.ts";
import { startBenchServer, type BenchServer } from "./lib/bench-server.ts";
import { threadCpuMs } from "./lib/production-server.ts";
import { freePort } from "../scripts/lib/embedded-pg.ts";

const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RATIO_TARGET = 0.5;
const OURS_JS_TARGET_KB = 15;
const ACCEPT_ENCODING = "gzip, deflate, br";
const BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";
// server-static-pages.mjs leaves a request carrying this header to Next (how it fetches a page the first time).
const PRIME_HEADER = "x-roundtrip-static-prime";
const log = (m: string) => console.log(`[bench:chapter] ${m}`);

type Variant = { encoding: "br" | "gzip" | "identity"; body: Buffer };

async function fetchVariant(url: string, acceptEncoding: string): Promise<{ res: Response; body: Buffer }> {
  // undici decompresses transparently; the raw bytes are what nginx must serve, so ask node:http instead.
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") headers.set(k, v);
        resolve({ res: new Response(null, { status: res.statusCode, headers }), body: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/** Asks until the server answers from its pre-compressed copy (the first request makes it). */
async function warm(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { res } = await fetchVariant(url, ACCEPT_ENCODING);
    if (res.headers.get("content-encoding") === "br" && res.headers.get("etag")) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} was never served pre-compressed (no brotli answer with an ETag within 120 s)`);
}

function startNginx(pathname: string, variants: Variant[], port: number): { process: ChildProcess; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-bench-nginx-"));
  // Root runs nginx workers as an unprivileged user: they must read the page and write their temp files.
  chmodSync(dir, 0o755);
  const pages = path.join(dir, "pages");
  mkdirSync(pages);
  chmodSync(pages, 0o755);
  for (const v of variants) {
    const file = path.join(pages, `page.html${v.encoding === "identity" ? "" : v.encoding === "br" ? ".br" : ".gz"}`);
    writeFileSync(file, v.body);
    chmodSync(file, 0o644);
  }
  for (const d of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    mkdirSync(path.join(dir, d));
    chmodSync(path.join(dir, d), 0o777);
  }
  const brotli = existsSync(BROTLI_MODULE);
  const conf = `${brotli ? `load_module ${BROTLI_MODULE};\n` : ""}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${pages};
    location = ${pathname} {
      default_type "text/html; charset=utf-8";
      gzip_static on;
      ${brotli ? "brotli_static on;" : ""}
      try_files /page.html =404;
    }
  }
}
`;
  writeFileSync(path.join(dir, "nginx.conf"), conf);
  const nginx = spawnSync("sh", ["-c", "command -v nginx || ls /usr/sbin/nginx"], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  if (!nginx) throw new Error("nginx is not installed: run `apt-get install nginx-light libnginx-mod-http-brotli-static`, then try again.");
  const child = spawn(nginx, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "inherit"] });
  return { process: child, dir };
}

// The same bytes from a bare Node HTTP server (no framework): what one Node process can do on this machine.
const BARE_NODE = `
const { createServer } = require("node:http");
const { readFileSync } = require("node:fs");
const [dir, port] = process.argv.slice(1);
const br = readFileSync(dir + "/page.html.br"), gz = readFileSync(dir + "/page.html.gz"), plain = readFileSync(dir + "/page.html");
createServer((req, res) => {
  const ae = req.headers["accept-encoding"] || "";
  const [body, enc] = /\\bbr\\b/.test(ae) ? [br, "br"] : /\\bgzip\\b/.test(ae) ? [gz, "gzip"] : [plain, null];
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length, ...(enc ? { "content-encoding": enc } : {}) });
  res.end(body);
}).listen(Number(port), "127.0.0.1");
`;

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU ms (user + system, all threads) used so far by these processes; 0 where /proc is not there. */
function cpuOf(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    const t = threadCpuMs(pid);
    return sum + (t ? t.main + t.others : 0);
  }, 0);
}

function cannon(url: string, duration: number, extra: Record<string, string> = {}): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, headers: { "accept-encoding": ACCEPT_ENCODING, ...extra } }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

type Tally = { requests: number; seconds: number; p99: number[]; non2xx: number; errors: number; encodings: Set<string> };
const tally = (): Tally => ({ requests: 0, seconds: 0, p99: [], non2xx: 0, errors: 0, encodings: new Set() });
function add(t: Tally, r: autocannon.Result) {
  t.requests += r.requests.total;
  t.seconds += r.duration;
  t.p99.push(r.latency.p99);
  t.non2xx += r.non2xx;
  t.errors += r.errors + r.timeouts;
}

async function main() {
  let server: BenchServer | undefined;
  let nginx: { process: ChildProcess; dir: string } | undefined;
  let stopBare = () => {};
  try {
    server = await startBenchServer(DIST, log);
    const base = server.base;
    const slug = process.env.BENCH_CHAPTER ?? "big-picture";
    const pathname = `/learn/${slug}`;
    const appUrl = `${base}${pathname}`;
    log(`Warming ${pathname} (its first request has the server compress it once)`);
    await warm(appUrl);

    const variants: Variant[] = [];
    for (const encoding of ["br", "gzip", "identity"] as const) {
      const { res, body } = await fetchVariant(appUrl, encoding);
      const got = res.headers.get("content-encoding") ?? "identity";
      if (res.status !== 200 || got !== encoding) throw new Error(`asked for ${encoding}, got ${res.status} ${got}`);
      variants.push({ encoding, body });
    }
    const size = (e: string) => variants.find((v) => v.encoding === e)?.body.length ?? 0;
    log(`page: ${(size("identity") / 1024).toFixed(0)} kB HTML, ${(size("br") / 1024).toFixed(0)} kB brotli, ${(size("gzip") / 1024).toFixed(0)} kB gzip`);

    const nginxPort = await freePort();
    nginx = startNginx(pathname, variants, nginxPort);
    const nginxUrl = `http://127.0.0.1:${nginxPort}${pathname}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const { res, body } = await fetchVariant(nginxUrl, ACCEPT_ENCODING);
        const want = variants.find((v) => v.encoding === (res.headers.get("content-encoding") ?? "identity"));
        if (res.status === 200 && want && Buffer.compare(want.body, body) === 0) {
          log(`nginx on ${nginxUrl} serves the same ${want.encoding} bytes`);
          break;
        }
        throw new Error(`nginx answered ${res.status} with different bytes`);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }

    const barePort = await freePort();
    const bare = spawn(process.execPath, ["-e", BARE_NODE, path.join(nginx.dir, "pages"), String(barePort)], { stdio: ["ignore", "ignore", "inherit"] });
    const bareUrl = `http://127.0.0.1:${barePort}${pathname}`;
    for (let i = 0; ; i++) {
      const ok = await fetchVariant(bareUrl, ACCEPT_ENCODING).then((r) => r.res.status === 200, () => false);
      if (ok) break;
      if (i > 50) throw new Error("the bare Node server did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
    stopBare = () => bare.kill("SIGTERM");

    const app = tally();
    const ref = tally();
    const plainNode = tally();
    const nextAlone = tally();
    // CPU time spent per request by each server (user + system), which other work on the machine does not inflate.
    const nginxPids = [nginx.process.pid ?? 0, ...childPids(nginx.process.pid ?? 0)];
    const cpu = { app: 0, ref: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      log(`Round ${round}/${ROUNDS}: nginx ${DURATION_S} s, then the app ${DURATION_S} s`);
      const r0 = cpuOf(nginxPids);
      add(ref, await cannon(nginxUrl, DURATION_S));
      cpu.ref += cpuOf(nginxPids) - r0;
      const a0 = cpuOf([server.pid]);
      add(app, await cannon(appUrl, DURATION_S));
      cpu.app += cpuOf([server.pid]) - a0;
      add(plainNode, await cannon(bareUrl, DURATION_S));
      // The page as Next itself serves it (gzip per request), for the before/after: the prime header skips ours.
      add(nextAlone, await cannon(appUrl, DURATION_S, { [PRIME_HEADER]: "1" }));
    }
    const { res: check } = await fetchVariant(appUrl, ACCEPT_ENCODING);
    app.encodings.add(check.headers.get("content-encoding") ?? "identity");

    const rps = (t: Tally) => t.requests / t.seconds;
    const ratio = rps(app) / rps(ref);
    const worst = (t: Tally) => Math.max(...t.p99);
    console.log("");
    console.log(`chapter page ${pathname}, ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S} s each, alternating, accept-encoding "${ACCEPT_ENCODING}"`);
    console.log(`nginx (same bytes): ${rps(ref).toFixed(0)} req/s, p99 ${worst(ref)} ms (worst round), non-2xx ${ref.non2xx}, errors ${ref.errors}`);
    console.log(`Roundtrip:          ${rps(app).toFixed(0)} req/s, p99 ${worst(app)} ms (worst round), non-2xx ${app.non2xx}, errors ${app.errors}`);
    console.log(`ratio:              ${ratio.toFixed(2)}× nginx   (target ≥ ${RATIO_TARGET}×) ${ratio >= RATIO_TARGET ? "OK" : "MISSED"}`);
    console.log(`bare Node server:   ${rps(plainNode).toFixed(0)} req/s, p99 ${worst(plainNode)} ms (the same bytes, no framework: ${(rps(plainNode) / rps(ref)).toFixed(2)}× nginx; Roundtrip is ${(rps(app) / rps(plainNode)).toFixed(2)}× of it)`);
    console.log(`Next alone:         ${rps(nextAlone).toFixed(0)} req/s, p99 ${worst(nextAlone)} ms, non-2xx ${nextAlone.non2xx}, errors ${nextAlone.errors} (the page through Next's router and per-request gzip, as before: ${(rps(nextAlone) / rps(ref)).toFixed(2)}× nginx)`);
    if (app.requests > 0 && ref.requests > 0 && cpu.app > 0) {
      const perK = (ms: number, n: number) => (ms / n) * 1000;
      const cpuRatio = perK(cpu.ref, ref.requests) / perK(cpu.app, app.requests);
      console.log(`CPU per 1,000 requests (user + system): nginx ${perK(cpu.ref, ref.requests).toFixed(0)} ms, Roundtrip ${perK(cpu.app, app.requests).toFixed(0)} ms`);
      console.log(`ratio by CPU time:  ${cpuRatio.toFixed(2)}× nginx (requests per CPU-second; steadier than req/s on a busy host)`);
    }

    const js = firstLoadJs(DIST, size("identity") ? variants.find((v) => v.encoding === "identity")!.body.toString("utf8") : "");
    console.log("");
    console.log(`first-load JS on ${pathname} (gzip -9 of each script the HTML loads):`);
    console.log(`framework (Next's root main files): ${(js.framework / 1024).toFixed(1)} kB in ${js.frameworkFiles} files`);
    console.log(`ours (everything else):             ${(js.ours / 1024).toFixed(1)} kB in ${js.oursFiles} files   (target ≤ ${OURS_JS_TARGET_KB} kB) ${js.ours / 1024 <= OURS_JS_TARGET_KB ? "OK" : "MISSED"}`);
    for (const f of js.oursList) console.log(`  ${(f.gzip / 1024).toFixed(1).padStart(6)} kB  ${f.file}`);
    console.log(`total:                              ${((js.framework + js.ours) / 1024).toFixed(1)} kB`);
    console.log(`load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores (other work on the machine lowers both figures alike)`);
    if (ratio < RATIO_TARGET || app.non2xx + app.errors > 0) process.exitCode = 1;
  } finally {
    stopBare();
    if (nginx) {
      const exited = new Promise((r) => nginx?.process.once("exit", r));
      nginx.process.kill("SIGTERM");
      await exited;
      rmSync(nginx.dir, { recursive: true, force: true });
    }
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:chapter] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
