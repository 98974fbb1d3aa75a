import { describe, expect, it } from "vitest";
import { LAYERS, advance, cdnHoldsPrivate, clearLayer, initialCache, request, updateData } from "@/lib/core/widgets/caching/model";

describe("W10 caching layers", () => {
  it("the first request ever reaches the database and fills every layer", () => {
    const r = request(initialCache());
    expect(r.servedBy).toBe("db");
    expect(r.state.layers.browser).toHaveLength(1);
    expect(r.state.layers.cdn).toHaveLength(1);
    expect(r.state.layers.redis).toHaveLength(1);
  });

  it("a second request within the TTL from the same browser hits the browser cache", () => {
    const first = request(initialCache());
    const second = request(advance(first.state, 299));
    expect(second.servedBy).toBe("browser");
    expect(second.latencyMs).toBe(0);
  });

  it("falls through browser → CDN → Redis → DB", () => {
    const first = request(initialCache()).state;
    expect(request(clearLayer(first, "browser")).servedBy).toBe("cdn");
    expect(request(clearLayer(clearLayer(first, "browser"), "cdn")).servedBy).toBe("redis");
    expect(request(advance(first, 300)).servedBy).toBe("db");
  });

  it("serves stale data between an update and expiry, and deleting the key rebuilds it", () => {
    const first = request(initialCache()).state;
    const updated = updateData(first, "wait-ttl");
    const stale = request(updated);
    expect(stale.stale).toBe(true);
    const deleted = updateData(first, "delete-key");
    const noHttpCaches = clearLayer(clearLayer(deleted, "browser"), "cdn");
    const rebuilt = request(noHttpCaches);
    expect(rebuilt.servedBy).toBe("db");
    expect(rebuilt.stale).toBe(false);
    // DEL alone leaves the browser copy stale until its TTL.
    expect(request(deleted).stale).toBe(true);
  });

  it("a versioned URL makes every layer miss once and serves fresh data", () => {
    const first = request(initialCache()).state;
    const r = request(updateData(first, "versioned-url"));
    expect(r.servedBy).toBe("db");
    expect(r.stale).toBe(false);
  });

  it("private per-user data never reaches the CDN", () => {
    let s = initialCache("profile");
    for (let i = 0; i < 5; i++) {
      const r = request(clearLayer(s, "browser"));
      expect(r.servedBy).not.toBe("cdn");
      s = r.state;
      expect(cdnHoldsPrivate(s)).toBe(false);
    }
  });

  it("labels each latency with its vantage point", () => {
    expect(LAYERS.find((l) => l.id === "redis")?.vantage).toMatch(/app server/);
    expect(LAYERS.find((l) => l.id === "cdn")?.vantage).toMatch(/user/);
  });
});
