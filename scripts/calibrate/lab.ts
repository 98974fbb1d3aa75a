import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir } from "node:os";
import { join } from "node:path";
import type { CongestionControl, LabConfig, LossPattern } from "./configs";
import { CURL_WRITE_OUT, parseCurlTimings, type CurlTiming } from "./curl-output";

// The calibration lab's real network: two network namespaces (client, server) joined by bridge.c, a userspace
// delay-and-loss forwarder between two TUN devices; nginx (OpenSSL, TLS 1.2/1.3, HTTP/1.1 and h2) and a Node
// origin with a fixed service time in the server namespace; curl in the client namespace. Needs root.
// Everything it starts is tracked by pid and torn down by cleanup(), which also runs on Ctrl-C and on errors.

const NS_CLIENT = "rtcal-c";
const NS_SERVER = "rtcal-s";
const TUN_CLIENT = "rtc0";
const TUN_SERVER = "rts0";
const IP_CLIENT = "10.201.0.1";
const IP_SERVER = "10.201.0.2";
const HOST = "cal.test";
const ORIGIN_PORT = 8081;
/** Real-time priorities: the bridge must never wait behind the (busy) machine; the endpoints just below it. */
const PRIO_BRIDGE = "50";
const PRIO_CURL = "40";
const PRIO_SERVER = "30";

const children = new Set<ChildProcess>();
let workDir: string | undefined;
let cleanedUp = false;

function run(cmd: string, args: string[], opts: { allowFail?: boolean; timeoutMs?: number } = {}): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: opts.timeoutMs ?? 120_000 });
  if ((r.status !== 0 || r.error) && !opts.allowFail) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
  }
  return `${r.stdout ?? ""}${r.stderr ?? ""}`;
}

function inNs(ns: string, cmd: string, args: string[], opts: { allowFail?: boolean; timeoutMs?: number } = {}): string {
  return run("ip", ["netns", "exec", ns, cmd, ...args], opts);
}

function have(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

/** Installs what the lab needs from Debian's apt when it is missing (the lab runs as root). */
export function ensureTools(): void {
  const needs: Record<string, string> = {
    nginx: "nginx",
    curl: "curl",
    openssl: "openssl",
    gcc: "gcc",
    ip: "iproute2",
    chrt: "util-linux",
  };
  const missing = Object.entries(needs)
    .filter(([cmd]) => !have(cmd))
    .map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  console.log(`installing ${missing.join(", ")} with apt…`);
  run("apt-get", ["update", "-qq"], { timeoutMs: 600_000 });
  run("apt-get", ["install", "-y", "-qq", ...missing], { timeoutMs: 900_000 });
}

/** Congestion controls the kernel offers, after trying to load BBR. */
export function availableCongestionControls(): string[] {
  const path = "/proc/sys/net/ipv4/tcp_available_congestion_control";
  const read = () => readFileSync(path, "utf8").trim().split(/\s+/);
  if (!read().includes("bbr") && have("modprobe")) run("modprobe", ["tcp_bbr"], { allowFail: true });
  return read();
}

export function machineInfo() {
  const firstLine = (s: string) =>
    s
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? "unknown";
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    kernel: release(),
    tools: {
      curl: firstLine(run("curl", ["--version"], { allowFail: true })),
      nginx: firstLine(run("nginx", ["-v"], { allowFail: true })),
      openssl: firstLine(run("openssl", ["version"], { allowFail: true })),
      node: process.version,
      gcc: firstLine(run("gcc", ["--version"], { allowFail: true })),
    },
  };
}

/** The client namespace's net.ipv4.tcp_rmem as the kernel reports it (read back, so the file records what held). */
export function clientTcpRmem(): string {
  return run("ip", ["netns", "exec", NS_CLIENT, "sysctl", "-n", "net.ipv4.tcp_rmem"]).trim().split(/\s+/).join(" ");
}

export const loadAverage = () => loadavg().map((x) => Math.round(x * 100) / 100);

function killNamespaceProcesses(ns: string): void {
  const pids = run("ip", ["netns", "pids", ns], { allowFail: true })
    .split(/\s+/)
    .filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // already gone
    }
  }
}

function deleteNamespaces(): void {
  const existing = run("ip", ["netns", "list"], { allowFail: true });
  for (const ns of [NS_CLIENT, NS_SERVER]) {
    if (!new RegExp(`^${ns}\\b`, "m").test(existing)) continue;
    killNamespaceProcesses(ns);
    run("ip", ["netns", "del", ns], { allowFail: true });
  }
}

/** Stops everything the lab started and removes its namespaces and files. Idempotent and synchronous. */
export function cleanup(): void {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const child of children) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        child.kill("SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  deleteNamespaces();
  if (allowedBefore !== undefined) writeFileSync(ALLOWED_CC, allowedBefore);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}

/** Cleans up on normal exit, Ctrl-C, SIGTERM and uncaught errors. */
export function installCleanupHandlers(): void {
  process.on("exit", cleanup);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: cleaning up the lab`);
      cleanup();
      process.exit(130);
    });
  }
  process.on("uncaughtException", (err) => {
    console.error(err);
    cleanup();
    process.exit(1);
  });
}

/**
 * Settings of both namespaces (net.ipv4 sysctls are per namespace). Linux caches per destination what a closed
 * connection learnt (tcp_metrics: RTT, RTT variance, reordering, and ssthresh), and a new connection to the same host
 * starts from it; each measurement must start from the defaults, as the model's "new connection" does. The ssthresh
 * cache is the one that would change a transfer (a new connection after a lossy one leaving slow start early); Linux
 * has kept it off by default since 5.6 (tcp_no_ssthresh_metrics_save = 1, commit 65e6d90168f3), so the lab sets that
 * default explicitly rather than inheriting the host's, and saves no metrics at all (docs/model.md, section 21).
 */
export const LAB_SYSCTLS = ["net.ipv4.tcp_no_metrics_save=1", "net.ipv4.tcp_no_ssthresh_metrics_save=1"] as const;

/**
 * The client namespace's receive buffer (net.ipv4.tcp_rmem: min, default, max bytes). The model's client drains its
 * socket as fast as data arrive, so its advertised window never holds the sender. curl on this shared 2-core host
 * does not: with the kernel's default (4096 131072 6291456) Linux's receive autotuning (`tcp_rcv_space_adjust`, which
 * grows the window each RTT by what the application read in the last one) fell behind slow start, and the traced
 * 1 MB transfers were `rwnd_limited` for 84–524 ms (docs/calibration-open-rows.md §6–7). A 4 MiB default takes the
 * client's window out of the measurement. Earlier runs used the kernel's default; their files carry no
 * `clientTcpRmem` and the report shows them as the earlier method. `--client-rmem kernel` measures that way again.
 */
export const CLIENT_TCP_RMEM = "4096 4194304 16777216";

/**
 * nginx's configuration. `sslBufferBytes` sets ssl_buffer_size (default 16 KiB, the size of nginx's TLS records): the
 * lab's --ssl-buffer-size, which showed that a first record larger than the first round's window is what delays the
 * first byte of large responses by a round (docs/calibration.md, "Time to first byte for large responses").
 */
/**
 * RTCAL_NGINX_SNDBUF=BYTES (a tracing run, not a measurement): nginx sets SO_SNDBUF on its sockets, which fixes the send
 * buffer (Linux doubles it and stops autotuning it), to test whether the buffer decides a kept-alive first round.
 */
function nginxSndbuf(): string {
  const bytes = Number(process.env.RTCAL_NGINX_SNDBUF);
  return Number.isInteger(bytes) && bytes > 0 ? ` sndbuf=${bytes}` : "";
}

function nginxConf(dir: string, sslBufferBytes?: number): string {
  return `user root;
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  default_type application/octet-stream;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  keepalive_requests 10000;
  # Every new connection pays a full handshake, as the model's "new connection" does.
  ssl_session_cache off;
  ssl_session_tickets off;${sslBufferBytes === undefined ? "" : `\n  ssl_buffer_size ${sslBufferBytes};`}
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_certificate ${dir}/cert.pem;
  ssl_certificate_key ${dir}/key.pem;
  upstream origin { server 127.0.0.1:${ORIGIN_PORT}; keepalive 8; }
  server {
    listen ${IP_SERVER}:443 ssl http2${nginxSndbuf()};
    server_name ${HOST};
    root ${dir}/www;
    location /static/ { }
    location /app { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`;
}

function startChild(cmd: string, args: string[], readyPattern: RegExp, label: string): Promise<ChildProcess> {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 30 s: ${seen}`)), 30_000);
    const onData = (b: Buffer) => {
      seen += b.toString();
      if (readyPattern.test(seen)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}) before it was ready: ${seen}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 5_000);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export type Lab = {
  dir: string;
  bridgeBinary: string;
};

/** Builds the namespaces, the TUN devices, the certificate, nginx and the origin. */
export async function setUpLab(sizes: number[], sslBufferBytes?: number, clientTcpRmem?: string): Promise<Lab> {
  deleteNamespaces(); // a previous run killed with SIGKILL may have left them behind
  const dir = mkdtempSync(join(tmpdir(), "rtcal-"));
  workDir = dir;
  const bridgeBinary = join(dir, "bridge");
  run("gcc", ["-O2", "-o", bridgeBinary, join(import.meta.dirname, "bridge.c")]);

  for (const [ns, tun, ip, peer] of [
    [NS_CLIENT, TUN_CLIENT, IP_CLIENT, IP_SERVER],
    [NS_SERVER, TUN_SERVER, IP_SERVER, IP_CLIENT],
  ] as const) {
    run("ip", ["netns", "add", ns]);
    inNs(ns, "ip", ["link", "set", "lo", "up"]);
    inNs(ns, "ip", ["tuntap", "add", "dev", tun, "mode", "tun"]);
    inNs(ns, "ip", ["addr", "add", ip, "peer", peer, "dev", tun]);
    inNs(ns, "ip", ["link", "set", tun, "up"]);
    for (const setting of LAB_SYSCTLS) inNs(ns, "sysctl", ["-qw", setting]);
  }
  if (clientTcpRmem !== undefined) inNs(NS_CLIENT, "sysctl", ["-qw", `net.ipv4.tcp_rmem=${clientTcpRmem}`]);

  mkdirSync(join(dir, "www", "static"), { recursive: true });
  mkdirSync(join(dir, "tmp"), { recursive: true });
  for (const bytes of sizes) writeFileSync(join(dir, "www", "static", `${bytes}.bin`), Buffer.alloc(bytes, 0x61));
  run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "2",
    "-subj",
    `/CN=${HOST}`,
    "-addext",
    `subjectAltName=DNS:${HOST}`,
    "-keyout",
    join(dir, "key.pem"),
    "-out",
    join(dir, "cert.pem"),
  ]);
  writeFileSync(join(dir, "nginx.conf"), nginxConf(dir, sslBufferBytes));

  const origin = join(import.meta.dirname, "origin.mjs");
  await startChild(
    "ip",
    ["netns", "exec", NS_SERVER, "chrt", "-f", PRIO_SERVER, process.execPath, origin, String(ORIGIN_PORT)],
    /origin listening/,
    "origin",
  );
  const nginx = spawn(
    "ip",
    ["netns", "exec", NS_SERVER, "chrt", "-f", PRIO_SERVER, "nginx", "-c", join(dir, "nginx.conf")],
    { stdio: "ignore" },
  );
  children.add(nginx);
  // nginx says nothing when it is ready: wait (bounded) for its pid file.
  for (let i = 0; i < 100 && !existsSync(join(dir, "nginx.pid")); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(join(dir, "nginx.pid")))
    throw new Error(`nginx did not start: ${readFileSync(join(dir, "nginx-error.log"), "utf8")}`);
  return { dir, bridgeBinary };
}

const ALLOWED_CC = "/proc/sys/net/ipv4/tcp_allowed_congestion_control";
let allowedBefore: string | undefined;

/**
 * A namespace other than the host's may only pick a congestion control on the host's allowed list; the lab adds
 * the one it needs for its run and puts the list back in cleanup(). The host's own default is never touched.
 */
function allowCongestionControl(cc: CongestionControl): void {
  const current = readFileSync(ALLOWED_CC, "utf8").trim();
  if (current.split(/\s+/).includes(cc)) return;
  allowedBefore ??= current;
  writeFileSync(ALLOWED_CC, `${current} ${cc}`);
}

export function setCongestionControl(cc: CongestionControl): void {
  allowCongestionControl(cc);
  for (const ns of [NS_CLIENT, NS_SERVER]) inNs(ns, "sysctl", ["-qw", `net.ipv4.tcp_congestion_control=${cc}`]);
}

/** Starts the bridge with half the RTT each way, the loss rate and pattern and the rate (if any); returns a function that stops it. */
export async function startBridge(
  lab: Lab,
  rttMs: number,
  lossRate: number,
  lossPattern: LossPattern,
  seed: number,
  rateMbps?: number,
): Promise<() => Promise<string>> {
  const oneWayUs = String(Math.round(rttMs * 500));
  const child = await startChild(
    "chrt",
    [
      "-f",
      PRIO_BRIDGE,
      lab.bridgeBinary,
      NS_CLIENT,
      TUN_CLIENT,
      NS_SERVER,
      TUN_SERVER,
      oneWayUs,
      String(lossRate),
      String(seed),
      String(rateMbps ?? 0), // 0: no rate limit
      lossPattern,
    ],
    /bridge ready/,
    "bridge",
  );
  // The bridge prints its forwarded, lost and overflowed packet counts as it stops: the loss it really applied.
  let said = "";
  child.stderr?.on("data", (b: Buffer) => (said += b.toString()));
  return async () => {
    await stopChild(child);
    return said.match(/bridge stats:.*/)?.[0] ?? "";
  };
}

/**
 * curl's --rate for an idle row: transfers per hour, so that the period between transfer starts is the prior transfer's
 * expected time plus the row's gap. curl sleeps the period less the transfer's own time after each transfer
 * (tool_operate.c), and keeps ms_per_transfer = 3,600,000 / rate (integer ms), which periodOf returns.
 */
function ratePerHour(periodMs: number): number {
  return Math.max(1, Math.round(3_600_000 / periodMs));
}
const periodOf = (perHour: number) => Math.floor(3_600_000 / perHour);
/** Per idle row: the last prior transfer's time (ms), the estimate of the next one's. */
const priorTransferMs = new Map<string, number>();

function curlArgs(lab: Lab, c: LabConfig, perHour?: number): string[] {
  const url =
    c.serviceMs > 0
      ? `https://${HOST}/app?bytes=${c.bytes}&ms=${c.serviceMs}`
      : `https://${HOST}/static/${c.bytes}.bin`;
  const transfers = transfersOf(c);
  return [
    "-f",
    PRIO_CURL,
    "curl",
    "-sS",
    "--noproxy",
    "*",
    "--max-time",
    "60",
    "--resolve",
    `${HOST}:443:${IP_SERVER}`,
    "--cacert",
    join(lab.dir, "cert.pem"),
    ...(c.tls === "1.2" ? ["--tlsv1.2", "--tls-max", "1.2"] : ["--tlsv1.3", "--tls-max", "1.3"]),
    c.http === "2" ? "--http2" : "--http1.1",
    ...(perHour !== undefined ? ["--rate", `${perHour}/h`] : []),
    "-w",
    CURL_WRITE_OUT.replace("\\n", "\n"),
    ...Array.from({ length: transfers }, () => ["-o", "/dev/null", url]).flat(),
  ];
}

/** curl transfers per repetition: one on a new connection; on a kept-alive one, the requests that warm it first. */
function transfersOf(c: LabConfig): number {
  return c.connection === "new" ? 1 : 1 + (c.priorRequests ?? 1);
}

/** Checks one repetition's curl output against its configuration; returns the transfer's timing. */
function checkedTiming(c: LabConfig, raw: string, perHour?: number): CurlTiming {
  const timings = parseCurlTimings(raw);
  const last = timings[timings.length - 1];
  const prior = timings[timings.length - 2];
  // A kept-alive row's first transfer opened the connection: its TCP handshake probes the bridge's RTT (run.ts).
  const opened = timings[0];
  const timing =
    last && prior && opened && c.connection === "kept-alive"
      ? {
          ...last,
          ...(c.idleMs !== undefined
            ? { gapMs: perHour === undefined ? 0 : Math.max(0, Math.round((periodOf(perHour) - prior.totalMs) * 10) / 10) }
            : {}),
          priorConnectMs: opened.connectMs,
        }
      : last;
  if (!timing || timings.length !== transfersOf(c))
    throw new Error(`${c.id}: curl gave ${timings.length} timings: ${raw}`);
  if (timing.responseCode !== 200 || timing.sizeBytes !== c.bytes) {
    throw new Error(`${c.id}: status ${timing.responseCode}, ${timing.sizeBytes} bytes (wanted 200, ${c.bytes})`);
  }
  if (c.connection === "kept-alive" && timing.newConnections !== 0)
    throw new Error(`${c.id}: the second request opened a new connection`);
  if (c.connection === "new" && timing.newConnections !== 1) throw new Error(`${c.id}: expected one new connection`);
  if (timing.httpVersion !== c.http)
    throw new Error(`${c.id}: negotiated HTTP/${timing.httpVersion}, wanted ${c.http}`);
  return timing;
}

/**
 * Measures one repetition of a configuration: the new connection's transfer, or the second transfer on a
 * kept-alive one. Checks the status, the size and (kept-alive) that the connection was reused. Returns the raw
 * curl output too, for fixtures.
 */
export function measureOnce(lab: Lab, c: LabConfig): { timing: CurlTiming; raw: string } {
  const flush = () => {
    run("ip", ["netns", "exec", NS_SERVER, "ip", "tcp_metrics", "flush", "all"], { allowFail: true });
    run("ip", ["netns", "exec", NS_CLIENT, "ip", "tcp_metrics", "flush", "all"], { allowFail: true });
  };
  flush();
  if (client === "paced") return measurePaced(lab, c);
  const idle = c.idleMs ?? 0;
  let perHour: number | undefined;
  if (idle > 0) {
    // The period must be the prior transfer's time plus the gap: a first repetition is preceded by an unrecorded
    // back-to-back one that measures that time.
    if (!priorTransferMs.has(c.id)) {
      const probe = parseCurlTimings(inNs(NS_CLIENT, "chrt", curlArgs(lab, c), { timeoutMs: 130_000 }))[0];
      priorTransferMs.set(c.id, probe?.totalMs ?? 0);
      flush();
    }
    perHour = ratePerHour((priorTransferMs.get(c.id) ?? 0) + idle);
  }
  const raw = inNs(NS_CLIENT, "chrt", curlArgs(lab, c, perHour), { timeoutMs: 130_000 });
  const timing = checkedTiming(c, raw, perHour);
  const prior = parseCurlTimings(raw)[0];
  if (idle > 0 && prior) priorTransferMs.set(c.id, prior.totalMs);
  return { timing, raw };
}

/**
 * Which client measures: curl (every matrix but the idle one) or paced-client.mjs, which holds the idle gap from the
 * previous response's last byte (run.ts picks it for --matrix idle, floors included, so the rows and their host floor
 * share a client).
 */
let client: "curl" | "paced" = "curl";
export function setClient(which: "curl" | "paced"): void {
  client = which;
}

/** One repetition through paced-client.mjs: the kept-alive requests with the row's gap between them, timed as curl's. */
function measurePaced(lab: Lab, c: LabConfig): { timing: CurlTiming; raw: string } {
  if (c.serviceMs > 0 || c.tls !== "1.3" || c.http !== "2") throw new Error(`${c.id}: the paced client speaks TLS 1.3 and h2 to nginx only`);
  const script = join(import.meta.dirname, "paced-client.mjs");
  const args = ["-f", PRIO_CURL, process.execPath, script, IP_SERVER, HOST, join(lab.dir, "cert.pem"), `/static/${c.bytes}.bin`];
  const raw = inNs(NS_CLIENT, "chrt", [...args, String(transfersOf(c)), String(c.idleMs ?? 0)], { timeoutMs: 130_000 });
  const gaps = [...raw.matchAll(/^RTCAL .* gap=([0-9.]+)$/gm)].map((m) => Number(m[1]));
  const gap = gaps[gaps.length - 1];
  const timing = checkedTiming({ ...c, idleMs: undefined }, raw);
  return { timing: c.idleMs !== undefined && gap !== undefined ? { ...timing, gapMs: Math.round(gap * 10) / 10 } : timing, raw };
}

/**
 * measureOnce without blocking, so several transfers can share the bridge at once (npm run calibrate --
 * --parallel K). No tcp_metrics flush: the namespaces never save metrics (tcp_no_metrics_save), and a flush
 * would reach into the other transfers in flight.
 */
export function measureOnceAsync(lab: Lab, c: LabConfig): Promise<{ timing: CurlTiming; raw: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("ip", ["netns", "exec", NS_CLIENT, "chrt", ...curlArgs(lab, c)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 130_000);
    child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr?.on("data", (b: Buffer) => (err += b.toString()));
    child.on("error", (e) => {
      clearTimeout(timer);
      children.delete(child);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (code !== 0) return reject(new Error(`${c.id}: curl exited ${code}: ${err}`));
      try {
        resolve({ timing: checkedTiming(c, out + err), raw: out + err });
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}
