import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Each test loads the kernel's db module afresh with its own env, the way a server process would start with
// those settings.
type Database = { db: PrismaClient; pool: import("pg").Pool };
const globals = globalThis as unknown as { roundtripDatabase?: Database };
const original = globals.roundtripDatabase;
const opened: Database[] = [];

async function freshDatabase(env: Record<string, string>): Promise<Database> {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  delete globals.roundtripDatabase;
  const { db, pool } = await import("@/lib/server/kernel/db");
  opened.push({ db, pool });
  return { db, pool };
}

async function freshDb(env: Record<string, string>): Promise<PrismaClient> {
  return (await freshDatabase(env)).db;
}

afterEach(() => {
  vi.unstubAllEnvs();
  globals.roundtripDatabase = original;
});
afterAll(async () => {
  await Promise.all(opened.map((d) => d.db.$disconnect().then(() => d.pool.end()).catch(() => {})));
});

/** A "database" that accepts TCP connections and then never says a word. */
let silent: net.Server;
const sockets = new Set<net.Socket>();
let silentUrl = "";
beforeAll(async () => {
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentUrl = `postgresql://nobody:nothing@127.0.0.1:${(silent.address() as net.AddressInfo).port}/none`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

describe("database timeouts", () => {
  it("a query to a database that accepts and then goes silent fails instead of waiting forever", async () => {
    const db = await freshDb({ DATABASE_URL: silentUrl, DB_CONNECT_TIMEOUT_MS: "300" });
    await expect(db.$queryRaw`SELECT 1`).rejects.toThrow();
    expect(sockets.size).toBeGreaterThan(0);
  });

  it("/api/health answers 503 when the database hangs, by its own bound rather than the pool's", { timeout: 30_000 }, async () => {
    // The pool would wait ten minutes for this connection: only health's own check (1.5 s) can answer in time.
    await freshDb({ DATABASE_URL: silentUrl, DB_CONNECT_TIMEOUT_MS: "600000" });
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "degraded", db: "unreachable" });
  });

  it("a rate-limited route answers 503 (not a bare 500) when the database hangs, and names no internals", async () => {
    await freshDb({ DATABASE_URL: silentUrl, DB_CONNECT_TIMEOUT_MS: "300" });
    const { POST } = await import("@/app/api/auth/signup/route");
    const res = await POST(
      new Request("http://localhost:3000/api/auth/signup", {
        method: "POST",
        headers: { "content-type": "application/json", host: "localhost:3000", "x-roundtrip-peer": "198.51.100.7" },
        body: JSON.stringify({ name: "Hung", email: `hung-${Date.now()}@example.test`, password: "correct horse battery staple 9" }),
      }),
    );
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/database is unavailable/);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|prisma|stack/i);
  });

  it("Postgres cancels a statement over DB_STATEMENT_TIMEOUT_MS", async () => {
    const db = await freshDb({ DB_STATEMENT_TIMEOUT_MS: "200" });
    await expect(db.$queryRaw`SELECT pg_sleep(2)`).rejects.toThrow(/statement timeout|57014/i);
    expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("a lock held elsewhere fails after DB_LOCK_TIMEOUT_MS instead of queueing forever", async () => {
    const db = await freshDb({ DB_LOCK_TIMEOUT_MS: "200", DB_STATEMENT_TIMEOUT_MS: "20000" });
    const user = await db.user.create({ data: { email: `lock-${Date.now()}@example.test`, name: "Lock", passwordHash: "unused" } });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM users WHERE id = ${user.id} FOR UPDATE`;
        locked();
        await held;
      },
      { timeout: 30_000 },
    );
    await isLocked;
    try {
      await expect(db.$executeRaw`UPDATE users SET name = 'Other' WHERE id = ${user.id}`).rejects.toThrow(/lock timeout|55P03/i);
    } finally {
      release();
      await holder;
    }
  });

  it("the quiz's hand-written statements run on the same pool, under the same timeouts", async () => {
    const { db, pool } = await freshDatabase({ DB_STATEMENT_TIMEOUT_MS: "200" });
    await expect(pool.query("SELECT pg_sleep(2)")).rejects.toThrow(/statement timeout/i);
    // One pool: what Prisma runs goes through the very pool the quiz's statements use.
    let acquired = 0;
    pool.on("acquire", () => acquired++);
    await db.$queryRaw`SELECT 1`;
    expect(acquired).toBeGreaterThan(0);
    const { query, sql } = await import("@/lib/server/kernel/db");
    expect(await query<{ one: number }>(sql`SELECT ${1}::int AS one`)).toEqual([{ one: 1 }]);
  });
});
