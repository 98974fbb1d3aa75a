import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { good, type Doc } from "./helpers";

function errors(doc: unknown) {
  const r = evaluateDesign(doc);
  if (r.ok) throw new Error("expected an invalid design");
  return r.errors;
}
const paths = (doc: unknown) => errors(doc).map((e) => e.path);

describe("invalid designs: every problem, with its JSON path, nothing scored", () => {
  it("rejects non-objects and a wrong version", () => {
    expect(errors(null)[0]?.path).toBe("");
    expect(errors("x")[0]?.path).toBe("");
    const d = good();
    d.version = 3;
    expect(paths(d)).toContain("version");
  });
  it("unknown kind", () => {
    const d = good();
    d.nodes[2].kind = "mainframe";
    const e = errors(d);
    expect(e).toEqual([{ path: "nodes[2].kind", message: expect.stringContaining('unknown kind "mainframe"') }]);
  });
  it("edge to a missing node", () => {
    const d = good();
    d.edges[1].to = "ghost";
    d.edges[3].from = "phantom";
    expect(paths(d)).toEqual(["edges[1].to", "edges[3].from"]);
  });
  it("negative, non-finite and out-of-range numbers; ratios outside 0..1", () => {
    const d: Doc = good();
    d.nodes[3].props.serviceTimeMs = -1;
    d.nodes[4].props.hitRatio = 1.5;
    d.scenario.readRatio = -0.1;
    d.edges[2].props.timeoutMs = Number.POSITIVE_INFINITY;
    d.edges[3].props.rttMs = Number.NaN;
    expect(paths(d).sort()).toEqual(
      [
        "edges[2].props.timeoutMs",
        "edges[3].props.rttMs",
        "nodes[3].props.serviceTimeMs",
        "nodes[4].props.hitRatio",
        "scenario.readRatio",
      ].sort(),
    );
  });
  it("duplicate node and edge ids", () => {
    const d = good();
    d.nodes.push({ id: "api", kind: "service" });
    d.edges.push({ id: "e-db", from: "api", to: "db" });
    expect(paths(d)).toEqual(["nodes[6].id", "edges[5].id"]);
  });
  it("more than 2,000 nodes or 10,000 edges", () => {
    const d: Doc = { version: 1, name: "big", nodes: [], edges: [] };
    for (let i = 0; i < 2001; i++) d.nodes.push({ id: `n${i}`, kind: "queue" });
    for (let i = 0; i < 10001; i++) d.edges.push({ id: `e${i}`, from: `n${i % 2001}`, to: `n${(i + 1) % 2001}` });
    expect(paths(d)).toEqual(["nodes", "edges"]);
  });
  it("cycles on the synchronous path, but not through asynchronous hops", () => {
    const d = good();
    d.edges.push({ id: "back", from: "db", to: "api" });
    const e = errors(d);
    expect(e).toHaveLength(1);
    expect(e[0]?.path).toBe("edges[5]");
    expect(e[0]?.message).toContain("api → db → api");
    const self = good();
    self.edges.push({ id: "loop", from: "api", to: "api" });
    expect(paths(self)).toEqual(["edges[5]"]);
    const viaQueue = good();
    viaQueue.nodes.push({ id: "q", kind: "queue" });
    viaQueue.edges.push({ id: "to-q", from: "api", to: "q" }, { id: "from-q", from: "q", to: "api" });
    expect(evaluateDesign(viaQueue).ok).toBe(true);
    const asyncBack = good();
    asyncBack.edges.push({ id: "back", from: "db", to: "api", props: { mode: "async" } });
    expect(evaluateDesign(asyncBack).ok).toBe(true);
  });
  it("capacityWeights must give one weight per replica", () => {
    const d = good();
    d.nodes[3].props.capacityWeights = [1, 2];
    expect(paths(d)).toEqual(["nodes[3].props.capacityWeights"]);
  });
  it("reports schema and reference problems together", () => {
    const d = good();
    d.nodes[3].props.replicas = 0;
    d.edges[0].to = "nowhere";
    d.nodes.push({ id: "lb", kind: "cache" });
    expect(paths(d).sort()).toEqual(["edges[0].to", "nodes[3].props.replicas", "nodes[6].id"].sort());
  });
  it("firewall rules: bad CIDR and ports", () => {
    const d = good();
    d.nodes.push({
      id: "fw",
      kind: "firewall",
      props: { rules: [{ action: "allow", direction: "inbound", source: "10.0.0.0/33", port: 70000 }] },
    });
    expect(paths(d).sort()).toEqual(["nodes[6].props.rules[0].port", "nodes[6].props.rules[0].source"]);
  });
});
