import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator";

// Found by trying the region-down follow-up: with the only region removed, users → DNS → CDN scored 100 A,
// because a CDN with nothing behind it looked like a fast, always-available system.
const cdnOnly = {
  version: 1,
  name: "cdn with nothing behind it",
  nodes: [
    { id: "users", kind: "client", props: { share: 1 } },
    { id: "dns", kind: "dns" },
    { id: "cdn", kind: "cdn", props: { cacheHitRatio: 0.9 } },
  ],
  edges: [
    { id: "lookup", from: "users", to: "dns" },
    { id: "get", from: "users", to: "cdn", props: { timeoutMs: 2000 } },
  ],
};

describe("a CDN with no origin", () => {
  it("fails the design with a critical finding that names the CDN and caps the grade", () => {
    const outcome = evaluateDesign(cdnOnly);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const finding = outcome.result.findings.find((f) => f.id === "cdn-no-origin");
    expect(finding?.severity).toBe("critical");
    expect(finding?.nodeIds).toEqual(["cdn"]);
    expect(finding?.chapter).toBe("/learn/caching#cdn");
    expect(outcome.result.score).toBeLessThanOrEqual(39);
    expect(outcome.result.grade).toBe("F");
  });

  it("stays quiet once the CDN forwards to an origin", () => {
    const outcome = evaluateDesign({
      ...cdnOnly,
      nodes: [...cdnOnly.nodes, { id: "api", kind: "service", props: { replicas: 3 } }],
      edges: [...cdnOnly.edges, { id: "origin", from: "cdn", to: "api", props: { timeoutMs: 1000 } }],
    });
    expect(outcome.ok && outcome.result.findings.some((f) => f.id === "cdn-no-origin")).toBe(false);
  });
});
