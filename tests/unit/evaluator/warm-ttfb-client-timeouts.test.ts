import { describe, expect, it } from "vitest";
import { edge, evalOk, finding, good, type Doc } from "./helpers";

// Issue #12 item 11 (rest): warm TTFB agrees with keep-alive and with fan-out; client edges need timeouts.

function direct(clientEdge: Record<string, unknown> = {}): Doc {
  return {
    version: 1,
    name: "direct",
    scenario: { rps: 1, readRatio: 1 },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: { serviceTimeMs: 10, replicas: 2 } },
    ],
    edges: [{ id: "e1", from: "c", to: "api", props: { rttMs: 20, tls: "1.3", timeoutMs: 5000, ...clientEdge } }],
  };
}

function fanOut(): Doc {
  const branches = ["a", "b", "c", "d", "e", "f"];
  return {
    version: 1,
    name: "fan-out",
    scenario: { rps: 1, readRatio: 1 },
    nodes: [
      { id: "user", kind: "client" },
      { id: "api", kind: "service", props: { serviceTimeMs: 1, replicas: 2 } },
      ...branches.map((b) => ({
        id: b,
        kind: "service",
        props: { serviceTimeMs: 10, serviceTimeP99Ms: 200, replicas: 2 },
      })),
    ],
    edges: [
      { id: "e0", from: "user", to: "api", props: { rttMs: 1, timeoutMs: 5000 } },
      ...branches.map((b) => ({
        id: `e-${b}`,
        from: "api",
        to: b,
        props: { rttMs: 1, keepAlive: true, parallel: true, timeoutMs: 2000 },
      })),
    ],
  };
}

describe("warm TTFB", () => {
  it("keeps the client's handshakes when the client connection is not kept alive", () => {
    const kept = evalOk(direct());
    const closed = evalOk(direct({ keepAlive: false }));
    // Kept alive: RTT 20 + 10 ms of work. Not kept: TCP 1 RTT + TLS 1.3 1 RTT on every request as well.
    expect(kept.latency.warmTtfbMs).toBe(30);
    expect(closed.latency.warmTtfbMs).toBe(30 + 2 * 20);
    expect(closed.latency.warmTtfbMs).toBeLessThanOrEqual(closed.latency.coldTtfbMs);
  });

  it("never reads below the median of a wide parallel fan-out (E[max] > max E)", () => {
    const r = evalOk(fanOut());
    expect(r.latency.warmTtfbMs).toBeGreaterThanOrEqual(r.latency.p50Ms);
    expect(r.latency.coldTtfbMs).toBeGreaterThanOrEqual(r.latency.warmTtfbMs);
    // The difference is one step, so the waterfall still adds up.
    const tail = r.latency.breakdown.find((s) => s.step === "tail");
    expect(tail?.ms).toBeGreaterThan(0);
    const sum = r.latency.breakdown.reduce((s, b) => s + Math.round(b.ms * 10), 0);
    expect(sum).toBe(Math.round(r.latency.coldLastByteMs * 10));
  });

  it("every client group's cold TTFB is floored the same way", () => {
    const d = fanOut();
    d.nodes.push({ id: "user-2", kind: "client" });
    d.edges.push({ id: "e0b", from: "user-2", to: "api", props: { rttMs: 1, timeoutMs: 5000 } });
    const r = evalOk(d);
    for (const c of r.latency.clients) expect(c.coldTtfbMs).toBeGreaterThanOrEqual(c.p50Ms);
  });
});

describe("client timeouts", () => {
  it("a client edge without a timeout is a finding; its DNS lookup edge is not", () => {
    const d = good();
    delete edge(d, "e-edge").props.timeoutMs;
    const f = finding(evalOk(d), "client-timeout-missing");
    expect(f?.edgeIds).toEqual(["e-edge"]);
    expect(f?.severity).toBe("minor");
    expect(f?.category).toBe("reliability");
    expect(finding(evalOk(good()), "client-timeout-missing")).toBeUndefined();
  });

  it("removing a client timeout never raises the score", () => {
    const d = good();
    const before = evalOk(d).score;
    delete edge(d, "e-edge").props.timeoutMs;
    expect(evalOk(d).score).toBeLessThan(before);
  });

  it("cuts client attempts at the client's timeout like any other call", () => {
    const slow = direct({ timeoutMs: 25 });
    slow.nodes[1].props = { serviceTimeMs: 10, serviceTimeP99Ms: 400, replicas: 2 };
    const r = evalOk(slow);
    // One attempt, no retries: nothing waits longer than the client's 25 ms.
    expect(r.latency.p99Ms).toBeLessThanOrEqual(25);
  });
});
