// Hot API routes answered from node:http straight into the route's own code, without Next's router.
//
// Through Next a quiz submission paid for the router (about a quarter of its CPU), a web Request and a web stream
// made from the socket, and a web Response copied back: about half of what a submission cost (issue 17). The
// route itself is unchanged: defineRoute (lib/server/kernel/route.ts) offers every route's checks and handler both
// to Next and, as `node`, to this file, which loads it from the build Next serves (the same module instance, so
// one database pool, one submission queue). What Next would add around it is added here from the build's own
// manifests: next.config's headers and the same compression. A route is left to Next whenever the build says
// something else applies to its path (proxy.ts, a redirect or rewrite, a conditional header) or the route is not
// in the build as expected; the server still answers it, only through Next.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The routes served this way: hot, JSON in and out, and `auth: "claims"` or "public" (no Next request scope). */
export const DIRECT_ROUTES = [{ method: "POST", pathname: "/api/quiz/attempts", page: "/api/quiz/attempts/route" }];

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** Why Next must answer `pathname` itself, or null when nothing but next.config's unconditional headers applies. */
function nextOnly(pathname, routes, functions) {
  const matches = (regex) => new RegExp(regex).test(pathname);
  const proxy = Object.values(functions.functions ?? {}).flatMap((f) => f.matchers ?? []);
  if (proxy.some((m) => matches(m.regexp))) return "proxy.ts applies to it";
  const rewrites = Array.isArray(routes.rewrites) ? routes.rewrites : Object.values(routes.rewrites ?? {}).flat();
  if ([...(routes.redirects ?? []), ...rewrites].some((r) => matches(r.regex))) return "a redirect or rewrite applies to it";
  if ((routes.headers ?? []).some((h) => (h.has || h.missing) && matches(h.regex))) return "a conditional header applies to it";
  if (routes.basePath || routes.i18n) return "the build has a basePath or i18n";
  return null;
}

/**
 * The two Next internals the direct path reuses, so a response is compressed as Next's router server does it:
 * its compression middleware and the release of a departed client's zlib stream. Imported when the server starts,
 * not statically: a Next upgrade that moves them hands the routes back to Next instead of stopping the server.
 */
async function loadNextCompression() {
  const [{ default: compression }, { releaseCompressionStream }] = await Promise.all([
    import("next/dist/compiled/compression/index.js"),
    import("next/dist/server/lib/release-compression-stream.js"),
  ]);
  if (typeof compression !== "function" || typeof releaseCompressionStream !== "function") {
    throw new Error("next/dist/compiled/compression or release-compression-stream no longer export what they did");
  }
  return { compression, releaseCompressionStream };
}

/** The route's `node` entry from the build, loaded by the module Next itself requires (next-server's requirePage). */
async function loadHandler(requireFromBuild, file, method) {
  const { routeModule } = requireFromBuild(file);
  // A route whose module graph has async parts (ESM externals) finishes loading later; Next awaits the same.
  await routeModule?.ensureUserland?.();
  return routeModule?.userland?.[method]?.node;
}

/**
 * `enabled: false` (DIRECT_ROUTES=off) leaves every route to Next, as when the build or Next's internals are not
 * what this file expects: a way out, should a Next upgrade change something the checks below do not see.
 * `nextCompression` is for tests, which stand in a Next whose compression module moved.
 * @param {{ distDir: string, log?: (m: string) => void, enabled?: boolean,
 *   nextCompression?: () => Promise<{ compression: () => Function, releaseCompressionStream: (res: any) => void }> }} options
 * @returns {Promise<(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean>}
 *   answers the request and returns true, or returns false for Next to answer it.
 */
export async function createDirectRoutes({ distDir, log = () => {}, enabled = true, nextCompression = loadNextCompression }) {
  const toNext = (why) => {
    log(`direct routes: Next answers every route (${why})`);
    return () => false;
  };
  if (!enabled) return toNext("DIRECT_ROUTES=off");
  let compression, releaseCompressionStream;
  try {
    ({ compression, releaseCompressionStream } = await nextCompression());
  } catch (error) {
    return toNext(`Next's compression module did not load: ${error.message}`);
  }
  const requireFromBuild = createRequire(path.join(distDir, "server", "noop.js"));
  /** @type {Map<string, { handler: (req: any, res: any) => Promise<void>, headers: [string, string][] }>} */
  const served = new Map();
  let routes, functions, pages;
  try {
    routes = readJson(path.join(distDir, "routes-manifest.json"));
    functions = readJson(path.join(distDir, "server", "functions-config-manifest.json"));
    pages = readJson(path.join(distDir, "server", "app-paths-manifest.json"));
  } catch (error) {
    return toNext(`the build's manifests could not be read: ${error.message}`);
  }
  for (const route of DIRECT_ROUTES) {
    const name = `${route.method} ${route.pathname}`;
    let reason = nextOnly(route.pathname, routes, functions);
    let handler;
    if (!reason && !pages[route.page]) reason = "it is not in the build";
    if (!reason) {
      handler = await loadHandler(requireFromBuild, path.join(distDir, "server", pages[route.page]), route.method).catch((error) => {
        reason = `its module did not load: ${error.message}`;
      });
      if (!reason && typeof handler !== "function") reason = "its handler has no node entry";
    }
    if (reason) {
      log(`direct routes: ${name} is left to Next (${reason})`);
      continue;
    }
    const headers = (routes.headers ?? [])
      .filter((h) => new RegExp(h.regex).test(route.pathname))
      .flatMap((h) => h.headers.map((x) => [x.key, x.value]));
    served.set(name, { handler, headers });
    log(`direct routes: ${name} is answered without Next's router`);
  }
  const compress = compression();

  return function serveDirect(req, res) {
    // The exact path only: anything else (a query, a trailing slash, another case) goes through Next's routing.
    const route = served.get(`${req.method} ${req.url}`);
    if (!route) return false;
    for (const [key, value] of route.headers) res.setHeader(key, value);
    // As Next's router server does for every response, including releasing the zlib stream of a client that left.
    compress(req, res, () => {});
    res.once("close", () => releaseCompressionStream(res));
    route.handler(req, res).catch((error) => {
      // defineRoute answers every failure itself; this is the net under that net, never a stack trace either.
      console.error(`Direct route ${req.method} ${req.url} failed`, error);
      if (res.headersSent) res.destroy();
      else {
        const body = JSON.stringify({ error: { message: "Something went wrong on our side. Please try again." } });
        res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(body) });
        res.end(body);
      }
    });
    return true;
  };
}
