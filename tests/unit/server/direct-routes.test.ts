// server-direct-routes.mjs decides at start whether it may answer POST /api/quiz/attempts itself or must leave it
// to Next. These tests give it a build on disk (manifests and a route module, as `next build` lays them out) that
// differs from what it expects in one way each, and a real HTTP server in front: wherever something is missing it
// must hand the request on (here to a stand-in for Next that says so), never answer it half-way or throw.
// tests/e2e/direct-route-fallback.spec.ts proves the other half: handed on, a submission works through Next.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDirectRoutes, type NextCompression } from "../../../server-direct-routes.mjs";

const ROUTE_FILE = "app/api/quiz/attempts/route.js";

/** A build directory holding only what the direct path reads; `routeModule` is the route file's export. */
function fakeBuild(routeModule: string, manifests: { pages?: object } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "direct-routes-"));
  mkdirSync(path.join(dir, "server", path.dirname(ROUTE_FILE)), { recursive: true });
  writeFileSync(path.join(dir, "routes-manifest.json"), JSON.stringify({ headers: [], redirects: [], rewrites: [] }));
  writeFileSync(path.join(dir, "server", "functions-config-manifest.json"), JSON.stringify({ functions: {} }));
  writeFileSync(
    path.join(dir, "server", "app-paths-manifest.json"),
    JSON.stringify(manifests.pages ?? { "/api/quiz/attempts/route": ROUTE_FILE }),
  );
  writeFileSync(path.join(dir, "server", ROUTE_FILE), `module.exports = { routeModule: ${routeModule} };`);
  dirs.push(dir);
  return dir;
}

/** A route module as Next 16 builds it, whose POST has the `node` entry defineRoute adds. */
const WITH_NODE_ENTRY = `{ userland: { POST: { node: async (req, res) => { res.writeHead(201, { "content-type": "application/json" }); res.end('{"by":"direct"}'); } } } }`;

/** Where a later Next might have moved its compression module: a path that does not resolve. */
const MOVED = "next/dist/compiled/compression/moved-in-a-later-next.js";

const dirs: string[] = [];
let server: Server | null = null;
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  const s = server;
  server = null;
  if (s) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** server.mjs's arrangement: the direct path first, Next (here a stand-in naming itself) for whatever it declines. */
async function serve(options: Parameters<typeof createDirectRoutes>[0]): Promise<{ base: string; log: string[] }> {
  const log: string[] = [];
  const serveDirect = await createDirectRoutes({ ...options, log: (m) => log.push(m) });
  server = createServer((req, res) => {
    if (serveDirect(req, res)) return;
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"by":"next"}');
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, log };
}

const submit = async (base: string) => {
  const res = await fetch(`${base}/api/quiz/attempts`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  return (await res.json()) as { by: string };
};

describe("the direct path for POST /api/quiz/attempts", () => {
  it("answers the route itself when the build has the route's node entry and Next's compression loads", async () => {
    const { base, log } = await serve({ distDir: fakeBuild(WITH_NODE_ENTRY) });
    expect(await submit(base)).toEqual({ by: "direct" });
    expect(log).toContain("direct routes: POST /api/quiz/attempts is answered without Next's router");
  });

  it("leaves the route to Next when the route module has no userland (Next's internals moved)", async () => {
    const { base, log } = await serve({ distDir: fakeBuild("{ handle: async () => {} }") });
    expect(await submit(base)).toEqual({ by: "next" });
    expect(log).toContain("direct routes: POST /api/quiz/attempts is left to Next (its handler has no node entry)");
  });

  it("leaves the route to Next when its handler has no node entry", async () => {
    const { base, log } = await serve({ distDir: fakeBuild("{ userland: { POST: async () => new Response(null) } }") });
    expect(await submit(base)).toEqual({ by: "next" });
    expect(log.join("\n")).toMatch(/left to Next \(its handler has no node entry\)/);
  });

  it("leaves every route to Next when Next's compression module does not load, and the server still starts", async () => {
    const { base, log } = await serve({
      distDir: fakeBuild(WITH_NODE_ENTRY),
      nextCompression: () => import(MOVED) as Promise<NextCompression>,
    });
    expect(await submit(base)).toEqual({ by: "next" });
    expect(log.join("\n")).toMatch(/Next answers every route \(Next's compression module did not load: /);
  });

  it("leaves the route to Next when the build does not list it", async () => {
    const { base, log } = await serve({ distDir: fakeBuild(WITH_NODE_ENTRY, { pages: {} }) });
    expect(await submit(base)).toEqual({ by: "next" });
    expect(log).toContain("direct routes: POST /api/quiz/attempts is left to Next (it is not in the build)");
  });

  it("leaves every route to Next with DIRECT_ROUTES=off (enabled: false)", async () => {
    const { base, log } = await serve({ distDir: fakeBuild(WITH_NODE_ENTRY), enabled: false });
    expect(await submit(base)).toEqual({ by: "next" });
    expect(log).toEqual(["direct routes: Next answers every route (DIRECT_ROUTES=off)"]);
  });
});
