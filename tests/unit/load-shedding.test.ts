// The load shedder server.mjs puts in front of Next, on a real HTTP server and real sockets: the handler stands
// in for Next and holds each request until the test lets it go, so "busy" is a state the test controls.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLoadShedder, sheddingSettings, type LoadShedder, type SheddingSettings } from "@/lib/server/kernel/load-shedding.mjs";

type Held = { path: string; release: () => void };

/** Resolves once `check` holds, looking again after each turn of the event loop (no fixed sleep). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never: ${what}`);
}

let server: Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

async function start(knobs: Partial<SheddingSettings>) {
  const settings = sheddingSettings({ SHED_MAX_IN_FLIGHT: "2", SHED_MAX_QUEUE: "1", SHED_QUEUE_TIMEOUT_MS: "600000", ...stringify(knobs) });
  const shedder: LoadShedder = createLoadShedder(settings);
  const started: string[] = [];
  const held: Held[] = [];
  server = createServer((req, res) =>
    shedder.admit(req, res, async () => {
      const path = req.url ?? "";
      started.push(path);
      // The health check answers at once; everything else waits for the test (as a slow database write would).
      if (path !== "/api/health") await new Promise<void>((release) => held.push({ path, release }));
      if (!res.destroyed) res.end(`done ${path}`);
    }),
  );
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return { shedder, started, held, base, get: (path: string, signal?: AbortSignal) => fetch(base + path, { signal }) };
}

const stringify = (o: Partial<SheddingSettings>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

describe("load shedding", () => {
  it("with 2 in flight and 1 queued, the 4th concurrent request gets 503 with Retry-After at once; health still answers", async () => {
    const s = await start({ SHED_RETRY_AFTER_SECONDS: 3 });
    const first = [s.get("/a"), s.get("/b")];
    await until(() => s.held.length === 2, "two requests in flight");
    const queued = s.get("/c");
    await until(() => s.shedder.stats().queued === 1, "one request queued");

    const extra = await s.get("/d");
    expect(extra.status).toBe(503);
    expect(extra.headers.get("retry-after")).toBe("3");
    expect(((await extra.json()) as { error: { message: string } }).error.message).toMatch(/busy.*nothing was saved/);
    expect(s.started).not.toContain("/d");
    const health = await s.get("/api/health");
    expect([health.status, await health.text()]).toEqual([200, "done /api/health"]);

    // Freeing a slot runs the queued request; all three get their answers.
    s.held[0]!.release();
    await until(() => s.held.length === 3, "the queued request started");
    s.held[1]!.release();
    s.held[2]!.release();
    const answers = await Promise.all([...first, queued].map(async (p) => (await p).status));
    expect(answers).toEqual([200, 200, 200]);
    expect(s.shedder.stats()).toMatchObject({ inFlight: 0, queued: 0, shed: 1 });
  });

  it("a browser's page request gets a 503 page, not JSON", async () => {
    const s = await start({ SHED_MAX_IN_FLIGHT: 1, SHED_MAX_QUEUE: 0 });
    const held = s.get("/a");
    await until(() => s.held.length === 1, "one request in flight");
    const page = await fetch(`${s.base}/dashboard`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(503);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<h1>Roundtrip is busy right now<\/h1>/);
    s.held[0]!.release();
    expect((await held).status).toBe(200);
  });

  it("a queued request whose client disconnected is never run", async () => {
    const s = await start({ SHED_MAX_IN_FLIGHT: 1, SHED_MAX_QUEUE: 1 });
    const running = s.get("/running");
    await until(() => s.held.length === 1, "one request in flight");
    const gaveUp = new AbortController();
    const abandoned = s.get("/abandoned", gaveUp.signal).catch((e: unknown) => e);
    await until(() => s.shedder.stats().queued === 1, "the second request queued");
    gaveUp.abort();
    await abandoned;
    await until(() => s.shedder.stats().abandonedInQueue === 1, "the server saw the client leave");

    const later = s.get("/later");
    await until(() => s.shedder.stats().queued === 1, "the next request queued in the freed place");
    s.held[0]!.release();
    await until(() => s.held.length === 2, "the next request started");
    s.held[1]!.release();
    expect((await later).status).toBe(200);
    expect((await running).status).toBe(200);
    expect(s.started).toEqual(["/running", "/later"]);
  });

  it("work for a client that left keeps its slot until it ends, so the bound counts real work", async () => {
    const s = await start({ SHED_MAX_IN_FLIGHT: 1, SHED_MAX_QUEUE: 0 });
    const gaveUp = new AbortController();
    const left = s.get("/left", gaveUp.signal).catch((e: unknown) => e);
    await until(() => s.held.length === 1, "one request in flight");
    gaveUp.abort();
    await left;
    expect((await s.get("/meanwhile")).status).toBe(503);
    s.held[0]!.release();
    await until(() => s.shedder.stats().inFlight === 0, "the abandoned work ended");
    const after = s.get("/after");
    await until(() => s.held.length === 2, "the next request started");
    s.held[1]!.release();
    expect((await after).status).toBe(200);
  });

  it("work that never ends for a client that left gives its slot back after SHED_ABANDONED_GRACE_MS", async () => {
    // As Next does with a cancelled prefetch: the handler's promise never settles once nobody reads the response.
    const s = await start({ SHED_MAX_IN_FLIGHT: 1, SHED_MAX_QUEUE: 0, SHED_ABANDONED_GRACE_MS: 50 });
    const gaveUp = new AbortController();
    const left = s.get("/cancelled-prefetch", gaveUp.signal).catch((e: unknown) => e);
    await until(() => s.held.length === 1, "one request in flight");
    gaveUp.abort();
    await left;
    await until(() => s.shedder.stats().inFlight === 0, "the slot came back without the work ending");
    const after = s.get("/after");
    await until(() => s.held.length === 2, "the next request started");
    s.held[1]!.release();
    expect((await after).status).toBe(200);
  });

  it("a request that waits longer than SHED_QUEUE_TIMEOUT_MS gets 503 and is never run", async () => {
    const s = await start({ SHED_MAX_IN_FLIGHT: 1, SHED_MAX_QUEUE: 4, SHED_QUEUE_TIMEOUT_MS: 50 });
    const running = s.get("/running");
    await until(() => s.held.length === 1, "one request in flight");
    const waited = await s.get("/waited");
    expect(waited.status).toBe(503);
    expect(waited.headers.get("retry-after")).toBe("1");
    s.held[0]!.release();
    expect((await running).status).toBe(200);
    expect(s.started).toEqual(["/running"]);
    expect(s.shedder.stats()).toMatchObject({ timedOutInQueue: 1, inFlight: 0 });
  });

  it("the knobs have defaults and a bad value names its variable", () => {
    expect(sheddingSettings({})).toEqual({ SHED_MAX_IN_FLIGHT: 16, SHED_MAX_QUEUE: 64, SHED_QUEUE_TIMEOUT_MS: 5_000, SHED_RETRY_AFTER_SECONDS: 1, SHED_ABANDONED_GRACE_MS: 10_000 });
    expect(() => sheddingSettings({ SHED_MAX_IN_FLIGHT: "0" })).toThrow(/SHED_MAX_IN_FLIGHT/);
    expect(() => sheddingSettings({ SHED_MAX_QUEUE: "lots" })).toThrow(/SHED_MAX_QUEUE/);
  });
});
