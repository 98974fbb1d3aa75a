import { describe, expect, it } from "vitest";
import { TTL_CHOICES, advanceClock, clearLevel, frameAt, initialDnsState, lookup, remainingTtl, repeatVisit, repeatVisitTimeline } from "@/lib/core/widgets/dns/model";

const upstream = (nodes: string[]) => nodes.filter((n) => n === "root" || n === "tld" || n === "auth");

describe("W4 DNS resolution stepper", () => {
  it("walks the whole chain on a cold lookup, within the typical 20–120 ms", () => {
    const r = lookup(initialDnsState(), { type: "A", ttl: 300 });
    expect(r.steps.map((s) => s.node)).toEqual(["browser", "local", "resolver", "root", "tld", "auth", "cached", "connected"]);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(20);
    expect(r.elapsedMs).toBeLessThanOrEqual(120);
    expect(r.answeredBy).toBe("authoritative");
  });

  it("a second lookup within the TTL never reaches root, TLD or authoritative", () => {
    for (const ttl of TTL_CHOICES.filter((t) => t > 0)) {
      let state = lookup(initialDnsState(), { type: "A", ttl }).state;
      state = advanceClock(state, ttl - 1);
      const second = lookup(state, { type: "A", ttl });
      expect(upstream(second.steps.map((s) => s.node))).toEqual([]);
      expect(second.elapsedMs).toBeLessThan(1);
    }
  });

  it("walks again once the TTL has expired", () => {
    const first = lookup(initialDnsState(), { type: "A", ttl: 60 });
    const later = lookup(advanceClock(first.state, 60), { type: "A", ttl: 60 });
    expect(upstream(later.steps.map((s) => s.node))).toEqual(["root", "tld", "auth"]);
  });

  it("a TTL of 0 always walks", () => {
    let state = initialDnsState();
    for (let i = 0; i < 3; i++) {
      const r = lookup(state, { type: "A", ttl: 0 });
      expect(r.walked).toBe(true);
      state = r.state;
    }
  });

  it("tracks remaining TTL per level and falls back to the OS cache when the browser's is cleared", () => {
    const first = lookup(initialDnsState(), { type: "AAAA", ttl: 300 });
    const state = advanceClock(first.state, 100);
    expect(remainingTtl(state, "resolver", "AAAA")).toBe(200);
    const r = lookup(clearLevel(state, "browser"), { type: "AAAA", ttl: 300 });
    expect(r.answeredBy).toBe("OS cache");
  });

  it("/etc/hosts answers before any DNS query", () => {
    const r = lookup(initialDnsState(), { type: "A", ttl: 300, hostsOverride: true });
    expect(r.answer).toBe("127.0.0.1");
    expect(r.steps.map((s) => s.node)).not.toContain("resolver");
  });

  it("W13 repeat visit is answered from cache and much faster", () => {
    const { first, second, speedup } = repeatVisit({ type: "A", ttl: 300 });
    expect(first.walked).toBe(true);
    expect(second.answeredBy).toBe("browser cache");
    expect(speedup).toBeGreaterThan(100);
  });

  it("W13 animation moves: every tick shows a new frame, the first lane walks to the authoritative server, the repeat lane never leaves the browser", () => {
    const { frames, firstMs, repeatMs } = repeatVisitTimeline({ type: "A", ttl: 300 });
    for (let t = 0; t < frames.length * 2; t++) expect(frameAt(frames, t + 1)).not.toBe(frameAt(frames, t));
    expect(frameAt(frames, frames.length)).toBe(frameAt(frames, 0));
    const first = frames.filter((f) => f.lane === "first");
    const repeat = frames.filter((f) => f.lane === "repeat");
    expect(first.map((f) => f.node)).toEqual(expect.arrayContaining(["root", "tld", "auth"]));
    expect(repeat.some((f) => f.node === "root" || f.node === "tld" || f.node === "auth" || f.node === "resolver")).toBe(false);
    expect(first.at(-1)?.elapsedMs).toBe(firstMs);
    expect(repeat.at(-1)?.elapsedMs).toBe(repeatMs);
    expect(firstMs).toBeGreaterThan(100 * repeatMs);
  });
});
