import { describe, expect, it } from "vitest";
import { hopsFor, meets, recommend, timingFor } from "@/lib/core/widgets/tls-termination";

describe("W27 TLS termination chooser", () => {
  it("edge handshake ~5 ms away costs 10 ms; at an origin ~150 ms away it costs 300 ms", () => {
    expect(timingFor("edge").handshakeMs).toBe(10);
    expect(timingFor("passthrough").handshakeMs).toBe(300);
  });
  it("first response about 165 ms through the edge, 15 ms when cached; 450 ms straight to the origin", () => {
    expect(timingFor("edge")).toEqual({ handshakeMs: 10, firstResponseMs: 165, cachedResponseMs: 15 });
    expect(timingFor("passthrough")).toEqual({ handshakeMs: 300, firstResponseMs: 450, cachedResponseMs: undefined });
  });
  it("caching needs an edge that can read the traffic", () => {
    expect(meets("edge", "caching").ok).toBe(true);
    expect(meets("end-to-end", "caching").ok).toBe(true);
    expect(meets("passthrough", "caching").ok).toBe(false);
  });
  it("edge termination leaves internal hops in plain HTTP; end-to-end and mTLS lock every hop", () => {
    expect(hopsFor("edge").map((h) => h.protection)).toEqual(["tls", "plain", "plain"]);
    expect(hopsFor("end-to-end").every((h) => h.protection === "tls")).toBe(true);
    expect(hopsFor("mtls").slice(1).every((h) => h.protection === "mtls")).toBe(true);
    expect(hopsFor("passthrough")).toEqual([
      { from: "User", to: "Edge", protection: "tunnelled" },
      { from: "Edge", to: "Origin", protection: "tunnelled" },
      { from: "Origin", to: "Services", protection: "plain" },
    ]);
  });
  it("recommends the simplest strategy that fits", () => {
    expect(recommend([]).strategy).toBe("edge");
    expect(recommend(["caching"]).strategy).toBe("edge");
    expect(recommend(["caching", "pci"]).strategy).toBe("end-to-end");
    expect(recommend(["pci", "zeroTrust"]).strategy).toBe("mtls");
    expect(recommend(["noPlaintextAtEdge"]).strategy).toBe("passthrough");
  });
  it("explains why simpler strategies were passed over, and reports impossible combinations", () => {
    const r = recommend(["zeroTrust"]);
    expect(r.rejected.map((x) => [x.strategy, x.requirement])).toEqual([
      ["edge", "zeroTrust"],
      ["end-to-end", "zeroTrust"],
    ]);
    const none = recommend(["caching", "noPlaintextAtEdge"]);
    expect(none.strategy).toBeUndefined();
    expect(none.rejected).toHaveLength(4);
  });
});
