import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator";

const clientsOnly = {
  version: 1,
  name: "starter",
  nodes: [
    { id: "web", kind: "client", props: { share: 0.7 } },
    { id: "mobile", kind: "client", props: { share: 0.3 } },
    { id: "dns", kind: "dns" },
  ],
  edges: [{ id: "lookup", from: "web", to: "dns" }],
};

describe("a client wired to nothing", () => {
  it("scores 0 with a critical no-backend finding instead of looking perfect", () => {
    const outcome = evaluateDesign(clientsOnly);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.score).toBe(0);
    expect(outcome.result.grade).toBe("F");
    const finding = outcome.result.findings.find((f) => f.id === "no-backend");
    expect(finding?.severity).toBe("critical");
    expect(finding?.nodeIds).toEqual(["web"]);
    expect(finding?.chapter).toBe("/learn/big-picture#seven-stages");
  });

  it("stays quiet once the client calls a server", () => {
    const outcome = evaluateDesign({
      ...clientsOnly,
      nodes: [...clientsOnly.nodes, { id: "api", kind: "service" }],
      edges: [...clientsOnly.edges, { id: "call", from: "web", to: "api" }],
    });
    expect(outcome.ok && outcome.result.findings.some((f) => f.id === "no-backend")).toBe(false);
    expect(outcome.ok && outcome.result.score).toBeGreaterThan(0);
  });
});
