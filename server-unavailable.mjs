// A page that could not render because Postgres is down, full or read-only gets a designed 503 with Retry-After,
// not Next's 500. Next decides a page's status inside its renderer, so the decision is made here, where the
// response leaves the process: a 500 for a browser's document request is held back, the database is asked
// (one short query), and when it cannot take work the held response is replaced by the page below.
import pg from "pg";

/** Seconds a browser or crawler should wait before asking again. */
export const RETRY_AFTER_SECONDS = 30;

// No scripts at all: this page must show even when nothing else of the app works.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Roundtrip is briefly unavailable</title>
<style>
  :root { color-scheme: light dark; --fg: #0f172a; --muted: #475569; --bg: #ffffff; --card: #f8fafc; --line: #e2e8f0; --brand: #4f46e5; }
  @media (prefers-color-scheme: dark) { :root { --fg: #f1f5f9; --muted: #cbd5e1; --bg: #020617; --card: #0f172a; --line: #1e293b; --brand: #a5b4fc; } }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
  header { border-bottom: 1px solid var(--line); padding: 0.9rem 1rem; font-weight: 600; }
  main { flex: 1; display: flex; align-items: center; justify-content: center; padding: 3rem 1rem; }
  .card { max-width: 36rem; border: 1px solid var(--line); background: var(--card); border-radius: 0.75rem; padding: 2rem; }
  .kicker { margin: 0; font-size: 0.875rem; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: var(--brand); }
  h1 { margin: 0.4rem 0 0; font-size: 1.75rem; line-height: 1.25; }
  p { color: var(--muted); }
  a { color: var(--brand); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1.5rem; }
  .button { display: inline-block; border-radius: 0.375rem; padding: 0.55rem 1rem; text-decoration: none; font-weight: 600; border: 1px solid var(--line); }
  .primary { background: var(--brand); color: var(--bg); border-color: var(--brand); }
  a:focus-visible { outline: 3px solid var(--brand); outline-offset: 2px; }
</style>
</head>
<body>
<header>Roundtrip</header>
<main id="main">
  <div class="card">
    <p class="kicker">Service briefly unavailable</p>
    <h1>We cannot reach our database right now</h1>
    <p>The database that keeps accounts, progress and designs is offline, full or accepting reads only, so this page
    could not be built. This is on our side, not yours: nothing you saved before is lost, but anything you were
    sending just now was not stored.</p>
    <p>It usually comes back within a minute. Try again in about ${RETRY_AFTER_SECONDS} seconds; the chapters stay
    readable meanwhile.</p>
    <div class="actions">
      <a class="button primary" href="">Try again</a>
      <a class="button" href="/learn">Read the chapters</a>
    </div>
  </div>
</main>
</body>
</html>
`;

/** The designed 503 document (also what a test compares against). */
export const UNAVAILABLE_PAGE = Buffer.from(PAGE, "utf8");

/**
 * Whether Postgres can take work now: false when it refuses or does not answer within 2 s, or is read-only.
 * @param {string | undefined} url
 */
export async function databaseCanWrite(url) {
  if (!url) return true;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000, query_timeout: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query("SELECT current_setting('transaction_read_only') AS ro, pg_is_in_recovery() AS standby");
    return rows[0]?.ro !== "on" && rows[0]?.standby !== true;
  } catch {
    return false;
  } finally {
    void client.end().catch(() => {});
  }
}

/**
 * Whether a request failed in the last `withinMs` because the database could not take it (a full disk, a lost
 * connection), as recorded by instrumentation.ts (lib/server/kernel/db-unavailable.ts noteDatabaseFailure).
 */
export function databaseFailedRecently(withinMs = 10_000) {
  const at = /** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for("roundtrip.databaseUnavailableAt")];
  return typeof at === "number" && Date.now() - at < withinMs;
}

/** A browser asking for a page (not a client-side navigation's RSC payload, an API call or an asset). */
export function isDocumentRequest(req) {
  return (
    (req.method === "GET" || req.method === "HEAD") &&
    !req.url?.startsWith("/api/") &&
    !req.url?.startsWith("/_next/") &&
    req.headers.rsc === undefined &&
    /text\/html/.test(req.headers.accept ?? "")
  );
}

/**
 * Holds back a 500 answer to a document request until the database has been asked; sends the 503 page instead
 * when it cannot take work. Any other answer passes through untouched at its first write.
 * @param {import("node:http").ServerResponse} res
 * @param {() => Promise<boolean>} canWrite
 */
export function guardDocumentResponse(res, canWrite) {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  /** @type {"undecided" | "pass" | "hold"} */
  let mode = "undecided";
  /** @type {Array<[unknown, unknown]>} */
  const held = [];

  const decide = () => {
    if (mode === "undecided") mode = res.statusCode === 500 ? "hold" : "pass";
    return mode;
  };

  // Headers are only recorded until the status is known; the real writeHead runs when the body is released.
  res.writeHead = function writeHead(status, ...rest) {
    if (mode === "pass") return original.writeHead.call(this, status, ...rest);
    res.statusCode = status;
    const headers = rest.find((r) => r && typeof r === "object");
    if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    else if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    return this;
  };
  res.write = function write(chunk, encoding, cb) {
    if (decide() === "pass") return original.write.call(this, chunk, encoding, cb);
    held.push([chunk, typeof encoding === "string" ? encoding : undefined]);
    if (typeof encoding === "function") encoding();
    else if (typeof cb === "function") cb();
    return true;
  };
  res.end = function end(chunk, encoding, cb) {
    if (decide() === "pass") return original.end.call(this, chunk, encoding, cb);
    if (chunk !== undefined && typeof chunk !== "function") held.push([chunk, typeof encoding === "string" ? encoding : undefined]);
    const done = [chunk, encoding, cb].find((a) => typeof a === "function");
    void canWrite().then((ok) => {
      mode = "pass";
      if (ok) {
        for (const [c, e] of held) original.write.call(res, c, e);
        original.end.call(res, done);
        return;
      }
      for (const name of res.getHeaderNames()) if (/^(content-|etag$|vary$|x-nextjs)/.test(name)) res.removeHeader(name);
      res.statusCode = 503;
      res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Content-Security-Policy", PAGE_CSP);
      res.setHeader("Content-Length", String(UNAVAILABLE_PAGE.length));
      original.end.call(res, res.req?.method === "HEAD" ? undefined : UNAVAILABLE_PAGE, done);
    });
    return this;
  };
}
