import { describe, expect, it } from "vitest";
import { pathPenaltyMs } from "@/lib/core/evaluator/transfer-fit";
import { evalOk, type Doc } from "./helpers";

// Packet loss on a client's hop slows every response that crosses it, not only a new connection's first one
// (docs/model.md, "Packet loss and bandwidth"): a kept-alive connection pays the same rule from its grown
// window, a new one from the initial window. Before, the percentiles counted a client hop's RTT only.

function design(lossRate: number, coldRatio: number): Doc {
  return {
    version: 1,
    name: "lossy client hop",
    scenario: { rps: 10, readRatio: 1, coldRatio },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: { replicas: 2, serviceTimeMs: 5 } },
    ],
    edges: [
      {
        id: "e1",
        from: "c",
        to: "api",
        props: { rttMs: 50, timeoutMs: 60_000, keepAlive: true, responseBytes: 1_000_000, lossRate },
      },
    ],
  };
}

const path = { responseBytes: 1_000_000, rttMs: 50, lossRate: 0.02 };

describe("loss on a client hop", () => {
  it("slows warm requests on the kept-alive connection by the rule's kept-alive penalty", () => {
    const penalty = pathPenaltyMs({ ...path, connection: "kept-alive" });
    expect(penalty).toBeGreaterThanOrEqual(50);
    const clean = evalOk(design(0, 0)).latency;
    const lossy = evalOk(design(0.02, 0)).latency;
    expect(lossy.p50Ms - clean.p50Ms).toBeCloseTo(penalty, 0);
    expect(lossy.p99Ms - clean.p99Ms).toBeCloseTo(penalty, 0);
  });

  it("slows new connections by the rule's new-connection penalty", () => {
    const penalty = pathPenaltyMs({ ...path, connection: "new" });
    expect(penalty).toBeGreaterThanOrEqual(50);
    const clean = evalOk(design(0, 1)).latency;
    const lossy = evalOk(design(0.02, 1)).latency;
    expect(lossy.p50Ms - clean.p50Ms).toBeCloseTo(penalty, 0);
  });
});
