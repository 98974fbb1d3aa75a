// Prerendered pages (chapters, the course map, the glossary, the landing page…) answered from memory, compressed
// once with brotli and gzip instead of gzip on every request, with an ETag, 304s and headers a CDN may cache.
//
// Next renders such a page at build time but `next start` still runs each request through its router, proxy.ts
// and gzip: a chapter is ~1 MB of HTML, so every request paid for compressing it again. Here the first request
// for a page asks Next for it once (same headers, same static CSP from proxy.ts), compresses the bytes off the
// request thread, and from then on the page is served as it is. Compressed bytes are also written under the
// build directory keyed by their content hash, so a restart, or a second instance on the same build, reuses them.
//
// The build's own scripts and stylesheets (/_next/static/*.js, .css) go the same way: Next serves them gzipped on
// every request (level 6, ~15 % larger than brotli at quality 11: a home page's 159 kB of gzipped JS and CSS is
// 136 kB in brotli). On a phone's link those bytes are what the page waits for before it can be used.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import fresh from "fresh";
import Negotiator from "negotiator";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A request carrying this header is always left to Next (how a page is fetched the first time). */
export const PRIME_HEADER = "x-roundtrip-static-prime";

// Browsers revalidate every time (a 304 costs one round trip and no body); a shared cache (CDN) may keep a page
// an hour. Not a year: HTML names the hashed chunks of its own build, which a new deploy removes, so a CDN
// holding old HTML past a deploy would hand out pages whose scripts 404. /_next/static/* (hashed names) is
// `public, max-age=31536000, immutable`, set by Next itself.
export const PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate, s-maxage=3600";

// Headers of Next's own answer that describe its encoding or its connection, not the page.
const NOT_COPIED = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date", "etag", "cache-control", "vary"]);

// Requests Next answers differently from the document (client navigations fetch the RSC payload, server actions).
const NEXT_REQUEST_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "next-action", PRIME_HEADER];

// Smallest first when the client likes several equally ("gzip, deflate, br" from every browser).
const ENCODINGS = ["br", "gzip", "identity"];

// Browsers send a handful of distinct Accept-Encoding values; each is parsed once.
const negotiated = new Map();
function negotiate(acceptEncoding = "") {
  let encoding = negotiated.get(acceptEncoding);
  if (encoding === undefined) {
    encoding = new Negotiator({ headers: { "accept-encoding": acceptEncoding } }).encoding(ENCODINGS, { preferred: ENCODINGS }) ?? "identity";
    if (negotiated.size < 256) negotiated.set(acceptEncoding, encoding);
  }
  return encoding;
}

/** Paths Next prerendered at build time and never revalidates (from the build's prerender manifest). */
export function readStaticRoutes(distDir) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(distDir, "prerender-manifest.json"), "utf8"));
    return new Set(
      Object.entries(manifest.routes ?? {})
        .filter(([route, r]) => r.initialRevalidateSeconds === false && !route.startsWith("/_") && !route.includes("."))
        .map(([route]) => route),
    );
  } catch {
    return new Set();
  }
}

/**
 * The build's scripts and stylesheets as the paths browsers ask for (/_next/static/…), listed once at start. Only
 * these are primed: a path that merely looks like one (a made-up hash, an old build's chunk) would otherwise cost a
 * request to Next and an entry in the page map each, without bound.
 */
export function readStaticAssets(distDir) {
  const root = path.join(distDir, "static");
  try {
    return new Set(
      readdirSync(root, { recursive: true, encoding: "utf8" })
        .filter((file) => /\.(?:js|css)$/.test(file))
        .map((file) => `/_next/static/${file.split(path.sep).join("/")}`),
    );
  } catch {
    return new Set();
  }
}

/** `"…"` from the uncompressed bytes: one ETag for every encoding of the same page (compared weakly by fresh). */
export function etagOf(body) {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

function appendVary(vary) {
  const parts = (vary ?? "").split(",").map((v) => v.trim()).filter(Boolean);
  if (!parts.some((p) => p.toLowerCase() === "accept-encoding")) parts.push("Accept-Encoding");
  return parts.join(", ");
}

/**
 * @param {{ distDir: string, origin: string, log?: (m: string) => void }} options origin: where this server
 *   answers itself (http://127.0.0.1:PORT), for the one request per page that Next renders.
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean}
 *   answers the request and returns true, or returns false for Next to answer it.
 */
export function createStaticPages({ distDir, origin, log = () => {} }) {
  const routes = readStaticRoutes(distDir);
  const assets = readStaticAssets(distDir);
  /** @typedef {{ body: Buffer, headers: Record<string, string> }} Prepared */
  /** @type {Map<string, "priming" | "skip" | { etag: string, notModified: Record<string, string>, responses: Record<string, Prepared> }>} */
  const pages = new Map();
  const cacheDir = path.join(distDir, "cache", "roundtrip-static");

  async function compressed(hash, ext, make) {
    const file = path.join(cacheDir, `${hash}.${ext}`);
    try {
      return readFileSync(file);
    } catch {
      const bytes = await make();
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(file, bytes);
      } catch {
        // A read-only build directory only costs the next start the compression again.
      }
      return bytes;
    }
  }

  async function prime(pathname) {
    pages.set(pathname, "priming");
    try {
      const res = await fetch(origin + pathname, { headers: { [PRIME_HEADER]: "1", "accept-encoding": "identity" }, redirect: "manual" });
      const body = Buffer.from(await res.arrayBuffer());
      // Shed by server.mjs (busy) or the database was away: not a verdict on the page; a later request tries again.
      if (res.status === 503) {
        pages.delete(pathname);
        return;
      }
      const csp = res.headers.get("content-security-policy") ?? "";
      // Only what Next itself served as a prerendered, cookie-free page with a static policy is kept, or one of the
      // build's files that Next marks immutable.
      const asset = assets.has(pathname);
      const prerendered = res.headers.get("x-nextjs-cache") === "HIT" || res.headers.get("x-nextjs-prerender") === "1";
      const kept = asset ? (res.headers.get("cache-control") ?? "").includes("immutable") : prerendered && !csp.includes("'nonce-");
      if (res.status !== 200 || !kept || res.headers.has("set-cookie") || res.headers.has("content-encoding")) {
        pages.set(pathname, "skip");
        return;
      }
      const etag = etagOf(body);
      const hash = etag.slice(1, -1);
      const [br, gz] = await Promise.all([
        compressed(hash, "br", () =>
          brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
        ),
        compressed(hash, "gz", () => gzipAsync(body, { level: 9 })),
      ]);
      /** @type {Record<string, string>} */
      const headers = {};
      res.headers.forEach((value, key) => {
        if (!NOT_COPIED.has(key)) headers[key] = value;
      });
      headers.vary = appendVary(res.headers.get("vary"));
      // A file keeps Next's policy (a year, immutable: its name changes with its content).
      headers["cache-control"] = asset ? (res.headers.get("cache-control") ?? "") : PAGE_CACHE_CONTROL;
      headers.etag = etag;
      // Whole header sets made once: a request only picks one.
      const response = (bytes, encoding) => ({
        body: bytes,
        headers: { ...headers, ...(encoding === "identity" ? {} : { "content-encoding": encoding }), "content-length": String(bytes.length) },
      });
      const { "content-type": _type, ...notModified } = headers;
      pages.set(pathname, {
        etag,
        notModified,
        responses: { br: response(br, "br"), gzip: response(gz, "gzip"), identity: response(body, "identity") },
      });
      log(`static page ${pathname}: ${body.length} B, br ${br.length} B, gzip ${gz.length} B`);
    } catch {
      // Next was not ready or the page failed: leave it to Next and try again on a later request.
      pages.delete(pathname);
    }
  }

  return function serveStaticPage(req, res) {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const pathname = req.url ?? "";
    // Any query (?_rsc=…, ?callbackUrl=…) or Next-specific request header: Next answers.
    if (pathname.includes("?") || req.headers.range !== undefined || NEXT_REQUEST_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
    const page = pages.get(pathname);
    if (page === undefined) {
      if (routes.has(pathname) || assets.has(pathname)) void prime(pathname);
      return false;
    }
    if (typeof page === "string") return false;

    if (fresh(req.headers, { etag: page.etag })) {
      res.writeHead(304, page.notModified);
      res.end();
      return true;
    }
    const encoding = negotiate(req.headers["accept-encoding"]);
    res.writeHead(200, page.responses[encoding].headers);
    res.end(req.method === "HEAD" ? undefined : page.responses[encoding].body);
    return true;
  };
}
