import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as signUp } from "@/app/api/auth/signup/route";
import { POST as evaluate } from "@/app/api/evaluate/route";
import { db } from "@/lib/server/kernel/db";
import { defineRoute } from "@/lib/server/kernel/route";
import { deeplyNestedJson } from "./helpers";

const email = (tag: string) => `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;

function post(body: string, headers: Record<string, string> = {}) {
  return new Request("http://localhost:3000/api/auth/signup", {
    method: "POST",
    headers: { "content-type": "application/json", host: "localhost:3000", "x-roundtrip-peer": `198.51.100.${Math.floor(Math.random() * 250)}`, ...headers },
    body,
  });
}

type Envelope = { error: { message: string; field?: string }; errors?: { path: string }[] };

describe("defineRoute (through POST /api/auth/signup)", () => {
  it("refuses a cross-origin text/plain body (a CSRF 'simple request') with 415 and stores nothing", async () => {
    const address = email("plain");
    const res = await signUp(post(JSON.stringify({ name: "P", email: address, password: "long-enough-1" }), { "content-type": "text/plain" }));
    expect(res.status).toBe(415);
    expect(((await res.json()) as Envelope).error.field).toBe("content-type");
    expect(await db.user.count({ where: { email: address } })).toBe(0);
  });

  it("answers a foreign Origin or a cross-site Sec-Fetch-Site with 403, never 500", async () => {
    const address = email("foreign");
    const body = JSON.stringify({ name: "F", email: address, password: "long-enough-1" });
    const variants: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
    for (const headers of variants) {
      const res = await signUp(post(body, headers));
      expect([JSON.stringify(headers), res.status]).toEqual([JSON.stringify(headers), 403]);
      expect(((await res.json()) as Envelope).error.message).toMatch(/refused/);
    }
    expect(await db.user.count({ where: { email: address } })).toBe(0);
    // Same origin, and non-browser clients without Origin, are served.
    expect((await signUp(post(body, { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }))).status).toBe(202);
  });

  it("does nothing for a client that has left (Next aborts request.signal when its connection closes): 499, nothing stored", async () => {
    const address = email("gone");
    const gone = new AbortController();
    gone.abort();
    const res = await signUp(new Request(post(JSON.stringify({ name: "G", email: address, password: "long-enough-1" })), { signal: gone.signal }));
    expect(res.status).toBe(499);
    expect(await db.user.count({ where: { email: address } })).toBe(0);
  });

  it("answers NUL bytes and deep nesting with 400 naming the field, in the one envelope", async () => {
    const address = email("nul");
    const nul = await signUp(post(JSON.stringify({ name: "a\u0000b", email: address, password: "long-enough-1" })));
    expect(nul.status).toBe(400);
    const body = (await nul.json()) as Envelope;
    expect(body.error.field).toBe("name");
    expect(body.errors?.[0]?.path).toBe("name");
    const deep = await signUp(post(`{"name":${deeplyNestedJson(1500)},"email":"${address}","password":"long-enough-1"}`));
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as Envelope).error.field).toMatch(/^name(\.a)+$/);
    expect(await db.user.count({ where: { email: address } })).toBe(0);
  });
});

// POST /api/evaluate takes its body as text (parsed and checked on an evaluator thread), so it proves the same
// gate holds for a raw-text body: content type, origin, size, and a 4xx naming the field for hostile JSON.
describe("defineRoute with a raw-text body (through POST /api/evaluate)", () => {
  const design = JSON.stringify({ version: 1, name: "x", nodes: [], edges: [] });
  const call = (body: string, headers: Record<string, string> = {}) =>
    evaluate.run(
      new Request("http://localhost:3000/api/evaluate", {
        method: "POST",
        headers: { "content-type": "application/json", host: "localhost:3000", "x-roundtrip-peer": `203.0.113.${Math.floor(Math.random() * 250)}`, ...headers },
        body,
      }),
      null,
    );

  it("refuses text/plain (415), a foreign origin (403) and more than 1 MB (413), before any parsing", async () => {
    const plain = await call(design, { "content-type": "text/plain" });
    expect([plain.status, ((await plain.json()) as Envelope).error.field]).toEqual([415, "content-type"]);
    expect((await call(design, { origin: "https://evil.example" })).status).toBe(403);
    const big = await call(`{"name":"${"x".repeat(1_100_000)}"}`);
    expect([big.status, ((await big.json()) as Envelope).error.field]).toEqual([413, "body"]);
  });

  it("answers malformed JSON, NUL bytes and 5,000-level nesting with 400 naming the field, never 500", async () => {
    const bad = await call("{nope");
    expect([bad.status, ((await bad.json()) as Envelope).error.field]).toEqual([400, "body"]);
    const nul = await call(JSON.stringify({ version: 1, name: "a\u0000b", nodes: [], edges: [] }));
    expect([nul.status, ((await nul.json()) as Envelope).error.field]).toEqual([400, "name"]);
    const deep = await call(`{"version":1,"name":${deeplyNestedJson(5000)},"nodes":[],"edges":[]}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as Envelope).error.field).toMatch(/^name(\.a)+$/);
    const ok = await call(design);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^application\/json/);
    expect(typeof ((await ok.json()) as { score: unknown }).score).toBe("number");
  });
});

describe("defineRoute's node entry (server.mjs's direct path)", () => {
  /** A public JSON route served straight from node:http, as server-direct-routes.mjs serves the quiz submission. */
  async function serveNode() {
    const bodies: unknown[] = [];
    const route = defineRoute({ auth: "public", body: z.object({ n: z.number() }) }, async ({ body }) => {
      bodies.push(body);
      return { status: 200, body: { got: body.n } };
    });
    const handled: Promise<void>[] = [];
    const server = createServer((req, res) => void handled.push(route.node!(req, res)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const close = () => new Promise((r) => server.close(r));
    return { bodies, handled, port, close };
  }

  it("reads a whole body and answers it", async () => {
    const s = await serveNode();
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"n":7}' });
      expect([res.status, await res.json()]).toEqual([200, { got: 7 }]);
      expect(s.bodies).toEqual([{ n: 7 }]);
    } finally {
      await s.close();
    }
  });

  it("hands a body cut part-way (the client closed before its end) to no handler", async () => {
    const s = await serveNode();
    try {
      const socket = connect(s.port, "127.0.0.1");
      await new Promise((r) => socket.once("connect", r));
      socket.write(`POST /x HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{"n":`);
      // The server has the request once its handler runs; the client then goes away with 45 bytes unsent.
      await expect.poll(() => s.handled.length).toBe(1);
      socket.destroy();
      await Promise.all(s.handled);
      expect(s.bodies).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
