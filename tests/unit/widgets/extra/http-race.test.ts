import { describe, expect, it } from "vitest";
import { DEFAULT_RACE, H1_CONNECTIONS, race, RESOURCES, runVersion, setupRttsFor, switchCostMs } from "@/lib/core/widgets/http-race";

describe("W18 HTTP/1.1 vs 2 vs 3 race", () => {
  it("set-up: TCP + TLS 1.3 = 2 RTT for HTTP/1.1 and 2; QUIC = 1 RTT for HTTP/3", () => {
    expect(["1.1", "2", "3"].map((v) => setupRttsFor(v as "1.1"))).toEqual([2, 2, 1]);
  });
  it("HTTP/1.1 opens 6 connections and queues the other 4 requests", () => {
    const r = runVersion("1.1", DEFAULT_RACE);
    expect(new Set(r.streams.map((s) => s.connection)).size).toBe(H1_CONNECTIONS);
    const queued = r.streams.filter((s) => s.startMs > r.setupMs);
    expect(queued).toHaveLength(RESOURCES.length - H1_CONNECTIONS);
  });
  it("HTTP/2 and HTTP/3 send all ten at once on one connection; HTTP/3 finishes first, HTTP/1.1 last", () => {
    const [h1, h2, h3] = race(DEFAULT_RACE);
    expect(h2?.streams.every((s) => s.startMs === h2.setupMs)).toBe(true);
    expect(h3!.finishMs).toBeLessThan(h2!.finishMs);
    expect(h2!.finishMs).toBeLessThan(h1!.finishMs);
  });
  it("a lost packet stalls every in-flight stream under HTTP/2 but only its own stream under HTTP/3", () => {
    const o = { ...DEFAULT_RACE, lostResource: 4 };
    const h2 = runVersion("2", o);
    const h3 = runVersion("3", o);
    expect(h2.streams.filter((s) => s.stalledMs > 0).length).toBeGreaterThan(1);
    expect(h3.streams.filter((s) => s.stalledMs > 0).map((s) => s.index)).toEqual([4]);
    const h1 = runVersion("1.1", o);
    expect(h1.streams.filter((s) => s.stalledMs > 0).map((s) => s.index)).toEqual([4]);
  });
  it("a network switch mid-load costs HTTP/2 a new 2-RTT handshake plus the resend; HTTP/3 carries on", () => {
    const o = { ...DEFAULT_RACE, switchAtMs: 250 };
    expect(switchCostMs("3", o)).toBe(0);
    const cost = switchCostMs("2", o);
    expect(cost).toBeGreaterThanOrEqual(2 * DEFAULT_RACE.rttMs);
    expect(runVersion("2", o).streams.every((s) => s.restarted)).toBe(true);
    expect(switchCostMs("1.1", o)).toBeGreaterThan(0);
  });
});
