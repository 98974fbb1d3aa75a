import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, SCENARIOS, networkFate, unavailableNote, scenario, simulateSend, usefulAfterLoss } from "@/lib/core/widgets/transport/model";

describe("W2 TCP vs UDP sender", () => {
  it("gives each scenario the brief's verdict", () => {
    const verdicts = Object.fromEntries(SCENARIOS.map((s) => [s.id, s.best]));
    expect(verdicts).toEqual({ rest: "tcp", video: "udp", database: "tcp", dns: "udp", game: "udp", upload: "tcp" });
    expect(scenario("rest").fits.udp).toBe(false);
    expect(scenario("rest").payload(1)).toBe("GET /api/users HTTP/1.1");
  });

  it("with any loss above zero, TCP always ends complete and in order, later", () => {
    for (let seed = 1; seed <= 50; seed++) {
      for (const lossRate of [0.1, 0.3, 0.5]) {
        const clean = simulateSend({ protocol: "tcp", scenario: "rest", lossRate: 0, reorder: false, seed });
        const lossy = simulateSend({ protocol: "tcp", scenario: "rest", lossRate, reorder: true, seed });
        expect(lossy.completeAndInOrder).toBe(true);
        expect(lossy.received.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(lossy.finishedMs).toBeGreaterThan(clean.finishedMs);
        expect(lossy.packets.some((p) => p.status === "retransmitted")).toBe(true);
      }
    }
  });

  it("with any loss above zero, UDP shows gaps (and reordering when asked)", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = simulateSend({ protocol: "udp", scenario: "video", lossRate: 0.1, reorder: false, seed });
      expect(r.gaps.length).toBeGreaterThan(0);
      expect(r.completeAndInOrder).toBe(false);
      const ro = simulateSend({ protocol: "udp", scenario: "video", lossRate: 0, reorder: true, seed });
      expect(ro.reordered).toBe(true);
      expect(ro.gaps).toEqual([]);
    }
  });

  it("TCP holds later packets behind a lost one (head-of-line blocking)", () => {
    const r = simulateSend({ protocol: "tcp", scenario: "rest", lossRate: 0, reorder: false, seed: 1, forceLost: [2] });
    expect(r.packets.find((p) => p.seq === 3)?.heldMs).toBeGreaterThan(0);
    expect(r.handshakeMs).toBe(100);
  });

  it("game: packet 43 arriving after 42 was lost is still useful under UDP", () => {
    const r = simulateSend({ protocol: "udp", scenario: "game", lossRate: 0, reorder: false, seed: 1, forceLost: [42] });
    expect(r.received.map((x) => x.seq)).toEqual([41, 43, 44, 45, 46]);
    expect(usefulAfterLoss(r)).toEqual([{ lost: 42, next: 43 }]);
    const tcp = simulateSend({ protocol: "tcp", scenario: "game", lossRate: 0, reorder: false, seed: 1, forceLost: [42] });
    const at43 = tcp.received.find((x) => x.seq === 43)?.atMs as number;
    expect(at43).toBeGreaterThan(r.received.find((x) => x.seq === 43)?.atMs as number);
  });

  it("is deterministic for a seed", () => {
    const a = networkFate({ count: 6, firstSeq: 1, lossRate: 0.3, reorder: true, seed: 7 });
    const b = networkFate({ count: 6, firstSeq: 1, lossRate: 0.3, reorder: true, seed: 7 });
    expect([...a.lost]).toEqual([...b.lost]);
    expect(a.delayed).toBe(b.delayed);
  });

  it("opens on a scenario both lanes can run, and says in words (never N/A) why a protocol cannot carry one", () => {
    const first = scenario(DEFAULT_SCENARIO);
    expect(first.fits).toEqual({ tcp: true, udp: true });
    expect(unavailableNote("udp", first)).toBeNull();
    const rest = unavailableNote("udp", scenario("rest"));
    expect(rest).toMatch(/^UDP is not an option for “REST API call”: .*TCP/);
    for (const s of SCENARIOS) for (const p of ["tcp", "udp"] as const) expect(unavailableNote(p, s) ?? "").not.toContain("N/A");
  });
});
