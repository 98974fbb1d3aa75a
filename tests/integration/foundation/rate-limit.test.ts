import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { hit, hitAll, type RateLimitRule } from "@/lib/server/kernel/rate-limit";

const rule = (limit: number, windowSeconds = 60): RateLimitRule => ({
  name: `test-${randomUUID()}`,
  limit,
  windowSeconds,
  env: "RATE_LIMIT_TEST_UNUSED",
});

describe("Postgres-backed rate limits", () => {
  it("allows up to the limit and then refuses with a Retry-After within the window", async () => {
    const r = rule(3, 120);
    for (let i = 0; i < 3; i++) expect((await hit(r, "1.2.3.4")).ok).toBe(true);
    const refused = await hit(r, "1.2.3.4");
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(120);
    }
    expect((await hit(r, "5.6.7.8")).ok).toBe(true); // subjects are counted separately
  });

  it("counts concurrent hits exactly, as several app instances would send them", async () => {
    const r = rule(10);
    const verdicts = await Promise.all(Array.from({ length: 40 }, () => hit(r, "shared")));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(10);
  });

  it("starts a new window once the old one has expired", async () => {
    const r = rule(1, 60);
    expect((await hit(r, "x")).ok).toBe(true);
    expect((await hit(r, "x")).ok).toBe(false);
    // The window ends a minute on; move the stored one into the past instead of waiting it out.
    const moved = await db.$executeRaw`
      UPDATE rate_limit_buckets SET window_start = window_start - interval '61 s', expires_at = expires_at - interval '61 s'
      WHERE key = ${`${r.name}:x`}`;
    expect(moved).toBe(1);
    expect((await hit(r, "x")).ok).toBe(true);
    expect((await hit(r, "x")).ok).toBe(false);
  });

  it("hitAll refuses when any rule refuses", async () => {
    const loose = rule(100);
    const tight = rule(1);
    expect((await hitAll([[loose, "a"], [tight, "b"]])).ok).toBe(true);
    const second = await hitAll([[loose, "a"], [tight, "b"]]);
    expect(second.ok).toBe(false);
  });
});
