// Load shedding for server.mjs (plain JavaScript, because server.mjs runs under bare Node before Next loads; its
// types are in load-shedding.d.mts). Under overload Node would otherwise accept every request, keep working on
// the ones whose clients already gave up, and let client retries pile on until every answer is late. Here each
// instance works on at most SHED_MAX_IN_FLIGHT requests; up to SHED_MAX_QUEUE more wait their turn for at most
// SHED_QUEUE_TIMEOUT_MS; anything past that is answered 503 with Retry-After at once, before any body is read
// or any database work starts. A queued request whose client has disconnected is dropped, never run.
import { z } from "zod";

const whole = (min, max) => z.coerce.number().int().min(min).max(max);

/** The shedding knobs (docs/deploy.md, "Load shedding"); also part of the kernel's validated environment. */
export const sheddingEnvSchema = z.object({
  SHED_MAX_IN_FLIGHT: whole(1, 10_000).default(16),
  SHED_MAX_QUEUE: whole(0, 100_000).default(64),
  SHED_QUEUE_TIMEOUT_MS: whole(1, 600_000).default(5_000),
  SHED_RETRY_AFTER_SECONDS: whole(1, 3_600).default(1),
  SHED_ABANDONED_GRACE_MS: whole(0, 600_000).default(10_000),
});

/** The knobs from `source`, or an Error whose message names each bad variable. */
export function sheddingSettings(source) {
  const parsed = sheddingEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new Error(`Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
}

const BUSY_PAGE = (seconds) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Roundtrip is busy</title>
<style>
  :root { color-scheme: light dark; --fg: #0f172a; --muted: #475569; --bg: #ffffff; --card: #f8fafc; --line: #e2e8f0; --brand: #4f46e5; }
  @media (prefers-color-scheme: dark) { :root { --fg: #f1f5f9; --muted: #cbd5e1; --bg: #020617; --card: #0f172a; --line: #1e293b; --brand: #a5b4fc; } }
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; font: 16px/1.6 system-ui, sans-serif; color: var(--fg); background: var(--bg); padding: 1rem; }
  .card { max-width: 34rem; border: 1px solid var(--line); background: var(--card); border-radius: 0.75rem; padding: 2rem; }
  h1 { margin: 0; font-size: 1.5rem; line-height: 1.3; }
  p { color: var(--muted); }
  a { color: var(--brand); font-weight: 600; }
  a:focus-visible { outline: 3px solid var(--brand); outline-offset: 2px; }
</style>
</head>
<body>
<main class="card">
  <h1>Roundtrip is busy right now</h1>
  <p>This server has more requests than it can take at the moment, so it did not start on yours: nothing was
  sent on and nothing was saved. Try again in about ${seconds} ${seconds === 1 ? "second" : "seconds"}.</p>
  <p><a href="">Try again</a></p>
</main>
</body>
</html>
`;

/**
 * Never shed: the health check (a balancer must see an instance that is busy, not one that looks dead) and the
 * build's hashed assets (files from disk, no database).
 */
export function neverShed(url = "") {
  return url === "/api/health" || url.startsWith("/api/health?") || url.startsWith("/_next/static/");
}

/** The 503 a shed request gets: cheap (no body read, no database), with Retry-After, JSON or a page. */
function refuse(req, res, seconds) {
  if (res.headersSent || res.destroyed) return;
  const wantsPage = req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
  const body = wantsPage
    ? BUSY_PAGE(seconds)
    : JSON.stringify({ error: { message: `The server is busy and did not start on this request; nothing was saved. Try again in ${seconds} s.` } });
  res.writeHead(503, {
    "content-type": wantsPage ? "text/html; charset=utf-8" : "application/json",
    "cache-control": "no-store",
    "retry-after": String(seconds),
    "content-length": Buffer.byteLength(body),
    ...(wantsPage ? { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" } : {}),
  });
  res.end(body);
}

/**
 * A gate in front of the request handler. `admit(req, res, run)` runs `run()` now, later (queued), or never
 * (answered 503). A slot stays taken until both the response has closed and `run`'s promise has settled (or
 * SHED_ABANDONED_GRACE_MS after the close), so work Next keeps doing for a client that left still counts against the bound.
 */
export function createLoadShedder(settings) {
  const {
    SHED_MAX_IN_FLIGHT: maxInFlight,
    SHED_MAX_QUEUE: maxQueue,
    SHED_QUEUE_TIMEOUT_MS: queueTimeoutMs,
    SHED_RETRY_AFTER_SECONDS: retryAfter,
    SHED_ABANDONED_GRACE_MS: abandonedGraceMs,
  } = settings;
  let inFlight = 0;
  /** @type {{ req: any, res: any, run: () => unknown, closed: Promise<unknown>, timer: NodeJS.Timeout, onClose: () => void }[]} */
  const queue = [];
  const counts = { shed: 0, timedOutInQueue: 0, abandonedInQueue: 0 };

  const leaveQueue = (entry) => {
    const i = queue.indexOf(entry);
    if (i >= 0) queue.splice(i, 1);
    clearTimeout(entry.timer);
    entry.res.off("close", entry.onClose);
  };

  const start = (closed, run) => {
    inFlight++;
    let work;
    try {
      work = Promise.resolve(run());
    } catch (error) {
      work = Promise.reject(error);
    }
    // A handler whose client left may never settle: Next stops a response nobody reads (a prefetch the browser
    // cancelled on navigating) and its promise can stay pending for good. Once the response has closed, its work
    // holds the slot SHED_ABANDONED_GRACE_MS more at most; otherwise each cancelled prefetch leaked a slot until
    // every request was shed (seen in the browser suite: 16 cancelled prefetches, then only 503s).
    const graceOver = closed.then(() => new Promise((resolve) => setTimeout(resolve, abandonedGraceMs).unref()));
    void Promise.allSettled([closed, Promise.race([work, graceOver])]).then(() => {
      inFlight--;
      drain();
    });
  };

  const drain = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const entry = /** @type {(typeof queue)[number]} */ (queue[0]);
      leaveQueue(entry);
      // The client left while it waited (its close listener may not have run yet): skip it.
      if (entry.res.destroyed || entry.req.socket?.destroyed) {
        counts.abandonedInQueue++;
        continue;
      }
      start(entry.closed, entry.run);
    }
  };

  const admit = (req, res, run) => {
    if (neverShed(req.url)) return void run();
    // Listened for before anything else can happen to the response, so a slot is always given back.
    const closed = new Promise((resolve) => res.once("close", resolve));
    if (inFlight < maxInFlight) return start(closed, run);
    if (queue.length >= maxQueue) {
      counts.shed++;
      return refuse(req, res, retryAfter);
    }
    const entry = { req, res, run, closed, timer: /** @type {NodeJS.Timeout} */ (/** @type {unknown} */ (undefined)), onClose: () => {} };
    entry.onClose = () => {
      leaveQueue(entry);
      counts.abandonedInQueue++;
    };
    entry.timer = setTimeout(() => {
      leaveQueue(entry);
      counts.timedOutInQueue++;
      refuse(req, res, retryAfter);
    }, queueTimeoutMs);
    res.once("close", entry.onClose);
    queue.push(entry);
  };

  return { admit, stats: () => ({ inFlight, queued: queue.length, ...counts }) };
}
