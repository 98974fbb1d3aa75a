import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { schedulePruning, stopPruning } from "@/lib/server/kernel/rate-limit";

describe("rate-limit pruning", () => {
  it("the scheduled job removes windows that expired over an hour ago and keeps live ones", async () => {
    const stale = `test-stale-${randomUUID()}`;
    const live = `test-live-${randomUUID()}`;
    const longAgo = new Date(Date.now() - 3 * 3600_000);
    await db.rateLimitBucket.create({ data: { key: stale, count: 3, windowStart: longAgo, expiresAt: new Date(longAgo.getTime() + 60_000) } });
    await db.rateLimitBucket.create({ data: { key: live, count: 1, windowStart: new Date(), expiresAt: new Date(Date.now() + 60_000) } });
    schedulePruning(60_000);
    try {
      await expect.poll(() => db.rateLimitBucket.count({ where: { key: stale } }), { timeout: 10_000 }).toBe(0);
      expect(await db.rateLimitBucket.count({ where: { key: live } })).toBe(1);
    } finally {
      stopPruning();
    }
  });
});
