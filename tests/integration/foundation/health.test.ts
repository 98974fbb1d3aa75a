import { describe, expect, it, vi } from "vitest";

describe("GET /api/health", () => {
  it("answers 200 with the database reachable", async () => {
    // Health allows the database 1.5 s; the client's first query also loads Prisma, which a loaded box can stretch past that.
    const { db } = await import("@/lib/server/kernel/db");
    await db.$queryRaw`SELECT 1`;
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 when the database is unreachable", async () => {
    vi.resetModules();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://nobody:nothing@127.0.0.1:1/none";
    const globals = globalThis as unknown as { roundtripDatabase?: unknown };
    const cached = globals.roundtripDatabase;
    delete globals.roundtripDatabase;
    try {
      const { GET } = await import("@/app/api/health/route");
      const res = await GET();
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "degraded", db: "unreachable" });
    } finally {
      process.env.DATABASE_URL = saved;
      globals.roundtripDatabase = cached;
    }
  });
});
