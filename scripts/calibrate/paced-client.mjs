// The idle matrix's client (npm run calibrate -- --matrix idle): N identical HTTP/2 GETs on one TLS 1.3 connection, the
// client waiting exactly GAP_MS between one response's last byte and the next request. curl's --rate spaces transfer
// starts by a period fixed before the run, so its gap is that period less the first transfer's own (varying) time:
// 287–593 ms for a 400 ms target (docs/calibration.md, "Kept-alive connections left idle"). Here the wait starts at
// the last byte, so the gap is the configured one within the timer's jitter (measured and printed, never assumed).
// Prints one curl-style RTCAL line per transfer (curl-output.ts CURL_WRITE_OUT), plus the gap before it.
// Usage: node paced-client.mjs IP HOST CA_FILE PATH COUNT GAP_MS
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http2 from "node:http2";
import net from "node:net";
import tls from "node:tls";
import { performance } from "node:perf_hooks";

const [ip, host, caFile, path, countArg, gapArg] = process.argv.slice(2);
const count = Number(countArg);
const gapMs = Number(gapArg);
if (!ip || !host || !caFile || !path || !(count >= 1) || !(gapMs >= 0)) {
  console.error("usage: paced-client.mjs IP HOST CA_FILE PATH COUNT GAP_MS");
  process.exit(2);
}

// curl's HTTP/2 windows (lib/http2.c, 7.88: HTTP2_HUGE_WINDOW_SIZE, 32 MiB per stream and for the connection), so flow
// control never holds a response back where curl's would not.
const HUGE_WINDOW = 32 * 1024 * 1024;
const now = () => performance.now();
const s = (ms) => (ms / 1000).toFixed(6);

const t0 = now();
let connectAt = 0;
let secureAt = 0;
// The TCP socket first, so its handshake's end is timed (curl's time_connect), then TLS over it (time_appconnect).
const tcp = net.connect({ host: ip, port: 443 }, () => (connectAt = now()));
const session = http2.connect(`https://${host}`, {
  settings: { initialWindowSize: HUGE_WINDOW, enablePush: false },
  createConnection: () =>
    tls.connect(
      {
        socket: tcp,
        servername: host,
        ca: readFileSync(caFile),
        minVersion: "TLSv1.3",
        maxVersion: "TLSv1.3",
        ALPNProtocols: ["h2"],
      },
      () => (secureAt = now()),
    ),
});
session.on("error", (e) => {
  console.error(`paced-client: ${e.message}`);
  process.exit(1);
});
// RTCAL_H2_DEFAULT_CONNECTION_WINDOW=1 (a tracing run): leave the connection window at HTTP/2's 65,535 octets.
if (!process.env.RTCAL_H2_DEFAULT_CONNECTION_WINDOW)
  session.once("localSettings", () => session.setLocalWindowSize(HUGE_WINDOW));

/**
 * Sleeps until `until` (performance.now ms): a timer, then a spin for the rest, so the gap is held to ~0.1 ms. The spin
 * covers 1 % of the wait (at least 2 ms): a 3 s timer woke up to 12 ms late on this host (an idle run with the
 * client's receive buffer raised), past the run's 5 ms check; the spin only costs a core for those last ms.
 */
function waitUntil(until) {
  return new Promise((resolve) => {
    const spin = () => {
      while (now() < until) {
        /* the last part of the wait */
      }
      resolve();
    };
    const wait = until - now();
    const left = wait - Math.max(2, 0.01 * wait);
    if (left > 0) setTimeout(spin, left);
    else spin();
  });
}

function get(first) {
  return new Promise((resolve, reject) => {
    const start = first ? t0 : now();
    let ttfb = 0;
    let size = 0;
    let code = 0;
    const req = session.request({ ":method": "GET", ":path": path, ":authority": host, "user-agent": "rtcal" });
    req.on("response", (headers) => {
      ttfb = now() - start;
      code = Number(headers[":status"]);
    });
    req.on("data", (chunk) => (size += chunk.length));
    req.on("end", () => {
      const end = now();
      resolve({ start, end, ttfb, size, code });
    });
    req.on("error", reject);
    req.end();
  });
}

/** Prints ss -tin of the lab's established connections in the client's namespace and the server's (rtcal-s). */
function snapshot(i) {
  const filter = ["-tin", "state", "established", "( dport = :443 or sport = :443 )"];
  const flat = (out) => out.split("\n").slice(1).join(" ").replace(/\s+/g, " ").trim();
  const client = execFileSync("ss", filter, { encoding: "utf8" });
  const server = execFileSync("ip", ["netns", "exec", "rtcal-s", "ss", ...filter], { encoding: "utf8" });
  console.log(`SS after=${i + 1} client: ${flat(client)}`);
  console.log(`SS after=${i + 1} server: ${flat(server)}`);
}

let lastEnd = 0;
for (let i = 0; i < count; i++) {
  if (i > 0 && gapMs > 0) await waitUntil(lastEnd + gapMs);
  const gap = i > 0 ? now() - lastEnd : 0;
  const r = await get(i === 0);
  lastEnd = r.end;
  // RTCAL_SS=1 (a tracing run, not a measurement): both ends' tcp_info (ss -tin) after each response; it delays the next
  // request by the time ss takes (~10–30 ms).
  if (process.env.RTCAL_SS) snapshot(i);
  const connect = i === 0 ? connectAt - t0 : 0;
  const appconnect = i === 0 ? secureAt - t0 : 0;
  console.log(
    `RTCAL code=${r.code} http=2 connects=${i === 0 ? 1 : 0} size=${r.size} connect=${s(connect)} appconnect=${s(appconnect)} ttfb=${s(r.ttfb)} total=${s(r.end - r.start)} gap=${gap.toFixed(3)}`,
  );
}
session.close();
