import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { computeJourney, DEFAULT_JOURNEY, rttFromDistanceKm, type JourneyOptions } from "@/lib/core/widgets/latency-budget";

const at = (o: Partial<JourneyOptions>) => computeJourney({ ...DEFAULT_JOURNEY, ...o });

/** The same journey expressed as a design, scored by the evaluator. */
function evaluatorTtfb(o: JourneyOptions): { cold: number; warm: number } {
  const originRtt = rttFromDistanceKm(o.originDistanceKm);
  const edgeRtt = rttFromDistanceKm(o.edgeDistanceKm);
  const proto = o.http3 ? { httpVersion: "3" } : { tls: o.tls };
  const nodes: unknown[] = [
    { id: "user", kind: "client" },
    { id: "server", kind: "service", props: { serviceTimeMs: o.serverMs, serviceTimeP99Ms: o.serverMs } },
  ];
  const edges: unknown[] = [];
  if (!o.dnsCached) {
    nodes.push({ id: "dns", kind: "dns", props: { lookupMs: 50 } });
    edges.push({ id: "lookup", from: "user", to: "dns" });
  }
  if (o.edgeTermination) {
    nodes.push({ id: "edge", kind: "cdn", props: { cacheHitRatio: 0, processingMs: 0, tlsTermination: true } });
    edges.push({ id: "to-edge", from: "user", to: "edge", props: { rttMs: edgeRtt, ...proto } });
    edges.push({ id: "origin", from: "edge", to: "server", props: { rttMs: originRtt, keepAlive: true } });
  } else {
    edges.push({ id: "req", from: "user", to: "server", props: { rttMs: originRtt, ...proto } });
  }
  const r = evaluateDesign({ version: 1, name: "journey", scenario: { rps: 1 }, nodes, edges });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { cold: r.result.latency.coldTtfbMs, warm: r.result.latency.warmTtfbMs };
}

describe("W20 request journey and latency budget", () => {
  it("distance sets the RTT at 5 ms per 1,000 km each way", () => {
    expect(rttFromDistanceKm(10_000)).toBe(100);
    expect(rttFromDistanceKm(1_000)).toBe(10);
    expect(rttFromDistanceKm(-5)).toBe(0);
  });

  it("the textbook cold request: DNS 50 + TCP 100 + TLS 1.3 100 + request 100 + server 20 = 370 ms", () => {
    const j = at({});
    expect(j.phases.filter((p) => p.ms > 0).map((p) => [p.id, p.ms])).toEqual([
      ["dns", 50],
      ["tcp", 100],
      ["tls", 100],
      ["request", 100],
      ["app", 20],
    ]);
    expect(j.totalMs).toBe(370);
    expect(j.preApplicationMs).toBe(350);
  });

  it("TLS 1.2 adds a second handshake round trip: 470 ms", () => {
    expect(at({ tls: "1.2" }).totalMs).toBe(470);
  });

  it("HTTP/3 folds TCP and TLS into one QUIC round trip: 270 ms, and forces TLS 1.3", () => {
    const j = at({ http3: true, tls: "1.2" });
    expect(j.totalMs).toBe(270);
    expect(j.options.tls).toBe("1.3");
    expect(j.notes.join(" ")).toMatch(/TLS 1.3/);
  });

  it("a reused connection with a cached answer costs one round trip plus the server: 120 ms", () => {
    expect(at({ keepAlive: true, dnsCached: true }).totalMs).toBe(120);
    expect(at({ keepAlive: true }).totalMs).toBe(120);
  });

  it("a cached DNS answer alone saves the 50 ms lookup", () => {
    expect(at({ dnsCached: true }).totalMs).toBe(320);
  });

  it("edge termination 1,000 km away: 50 + 10 + 10 + 10 + 100 + 20 = 200 ms", () => {
    const j = at({ edgeTermination: true });
    expect(j.clientRttMs).toBe(10);
    expect(j.totalMs).toBe(200);
    expect(j.phases.find((p) => p.id === "forward")?.ms).toBe(100);
  });

  it("pre-application time shrinks as each toggle goes on", () => {
    const steps = [
      at({ tls: "1.2" }),
      at({}),
      at({ http3: true }),
      at({ http3: true, edgeTermination: true }),
      at({ http3: true, edgeTermination: true, dnsCached: true }),
    ].map((j) => j.preApplicationMs);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1] as number);
  });

  it("agrees with the design evaluator's cold and warm TTFB for every toggle combination", () => {
    for (const tls of ["1.2", "1.3"] as const)
      for (const http3 of [false, true])
        for (const edgeTermination of [false, true])
          for (const dnsCached of [false, true])
            for (const originDistanceKm of [2_000, 10_000, 15_000]) {
              const o: JourneyOptions = { ...DEFAULT_JOURNEY, tls, http3, edgeTermination, dnsCached, originDistanceKm };
              const ev = evaluatorTtfb(o);
              expect(computeJourney(o).totalMs, JSON.stringify(o)).toBeCloseTo(ev.cold, 6);
              expect(computeJourney({ ...o, keepAlive: true }).totalMs, JSON.stringify(o)).toBeCloseTo(ev.warm, 6);
            }
  });
});
