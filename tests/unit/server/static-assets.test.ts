import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createStaticPages } from "../../../server-static-pages.mjs";

// server.mjs keeps the build's scripts and stylesheets compressed in memory. Only files the build has may be primed:
// a made-up chunk name must cost neither a request to Next nor an entry in the page map, or any client could grow
// the map without bound by asking for /_next/static/chunks/<random>.js.

let dist: string;
let next: Server;
let app: Server;
const askedOfNext: string[] = [];

const listen = async (server: Server) => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), "static-assets-"));
  mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
  writeFileSync(path.join(dist, "static", "chunks", "app-123.js"), "console.log(1)");
  // Stands in for Next: answers every path as an immutable script, so only the allow-list decides what is kept.
  next = createServer((req, res) => {
    askedOfNext.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/javascript", "cache-control": "public, max-age=31536000, immutable" });
    res.end(`/* ${req.url} */ ${"x".repeat(2000)}`);
  });
  const origin = await listen(next);
  const serve = createStaticPages({ distDir: dist, origin });
  app = createServer((req, res) => {
    if (!serve(req, res)) {
      res.writeHead(404);
      res.end("left to Next");
    }
  });
  await listen(app);
});

afterAll(() => {
  next.close();
  app.close();
  rmSync(dist, { recursive: true, force: true });
});

test("a file of the build is served compressed; a made-up chunk name is never fetched or kept", async () => {
  const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  const made = Array.from({ length: 20 }, (_, i) => `/_next/static/chunks/made-up-${i}.js`);
  await expect
    .poll(async () => {
      await Promise.all(made.map((p) => fetch(base + p).then((r) => r.arrayBuffer())));
      return (await fetch(`${base}/_next/static/chunks/app-123.js`, { headers: { "accept-encoding": "br" } })).headers.get("content-encoding");
    })
    .toBe("br");
  for (const p of made) expect((await fetch(base + p)).status).toBe(404);
  expect(askedOfNext).toEqual(["/_next/static/chunks/app-123.js"]);
});
