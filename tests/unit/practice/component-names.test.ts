import { describe, expect, it } from "vitest";
import { designToFlow, type DesignDocument } from "@/lib/core/canvas/convert";
import { componentName, componentNames } from "@/lib/core/canvas/kinds";
import { addEdge } from "@/lib/core/canvas/ops";

// The editor names components as the canvas does (label, else kind) in the properties panel, the text view, the
// connect-to menu and its messages; ids such as client-1 or e-api are the file's and never shown.

describe("component names", () => {
  it("is the label, else the kind's title", () => {
    expect(componentName({ kind: "load_balancer", label: "Edge LB" })).toBe("Edge LB");
    expect(componentName({ kind: "load_balancer" })).toBe("Load balancer");
    expect(componentName({ kind: "database", label: "  " })).toBe("Database");
  });

  it("tells apart components that would read the same, numbered in the order of their ids, and leaves unique names alone", () => {
    const nodes = [
      { id: "client-1", kind: "client", label: "Browsers" },
      { id: "svc-1", kind: "service" },
      { id: "api", kind: "service", label: "Service" },
      { id: "db", kind: "database" },
    ] as const;
    const names = componentNames(nodes);
    // "api" sorts before "svc-1": the numbers follow the ids, so the evaluator's findings (which must not change
    // when a file lists its nodes in another order) and the canvas call a component the same.
    expect([...names.values()]).toEqual(["Browsers", "Service (2)", "Service (1)", "Database"]);
    expect(componentNames([...nodes].reverse())).toEqual(names);
    for (const name of names.values()) expect(name).not.toMatch(/svc-1|api|client-1|\bdb\b/);
  });

  it("a refused connection names both ends by their names, not their ids", () => {
    const doc: DesignDocument = {
      version: 1,
      name: "names",
      nodes: [
        { id: "client-1", kind: "client", label: "Browsers" },
        { id: "e-api", kind: "service" },
      ],
      edges: [{ id: "client-1-e-api", from: "client-1", to: "e-api" }],
    } as DesignDocument;
    const r = addEdge(designToFlow(doc), "client-1", "e-api");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe("Browsers already calls Service.");
  });
});
