import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator";
import { checklistReason } from "@/lib/core/canvas/checklist-reasons";
import { findingTitle, linkTitle, optionLabel, regionLabel } from "@/lib/core/canvas/labels";
import { scenarioViolations } from "@/lib/core/canvas/scenario-lock";
import { measuredOnRequestPath } from "@/components/practice/result/latency-targets";
import { lbAlgorithmSchema } from "@/lib/core/evaluator/schema";
import shortener from "@/content/problems/url-shortener.json";
import { problemSchema } from "@/lib/schemas/problem";

const problem = problemSchema.parse(shortener);

describe("human labels", () => {
  it("never shows an enum value as stored", () => {
    for (const v of lbAlgorithmSchema.options) expect(optionLabel("algorithm", v)).not.toMatch(/_/);
    expect(optionLabel("algorithm", "round_robin")).toBe("Round robin");
    expect(optionLabel("resumption", "0rtt")).toBe("0-RTT early data");
    expect(optionLabel("http", "3")).toBe("HTTP/3 (QUIC)");
    expect(optionLabel("minTls", "1.2")).toBe("TLS 1.2");
    expect(regionLabel("eu-west")).toBe("Europe West");
    expect(findingTitle("no-backend")).toBe("The client calls nothing");
  });

  it("names chapter links by their titles, and never by slug when a title is missing", () => {
    expect(linkTitle("/learn/big-picture#seven-stages", { "/learn/big-picture#seven-stages": "The big picture › Seven stages" })).toBe(
      "The big picture › Seven stages",
    );
    expect(linkTitle("/learn/big-picture#seven-stages", {})).not.toMatch(/›|big-picture|seven-stages/);
  });
});

describe("the scenario lock", () => {
  it("accepts the problem's own starter and names the field of each change", () => {
    const starter = structuredClone(problem.starter) as { scenario: { rps: number; readRatio: number }; nodes: { kind: string; props?: { share?: number } }[] };
    expect(scenarioViolations(problem, starter as never)).toEqual([]);
    starter.scenario.readRatio = 0.5;
    starter.nodes[0]!.props!.share = 0.9;
    const fields = scenarioViolations(problem, starter as never).map((v) => v.field);
    expect(fields).toEqual(["scenario.readRatio", "nodes[0]", "nodes"]);
  });
});

describe("checklist reasons", () => {
  const design = (edge: Record<string, unknown>) => ({
    version: 1,
    name: "Checklist",
    nodes: [
      { id: "c", kind: "client", region: "us-east" },
      { id: "lb", kind: "load_balancer", label: "Front door", region: "us-east", props: { tlsTermination: true, http: "2", ...edge } },
      { id: "api", kind: "service", region: "us-east" },
    ],
    edges: [
      { id: "e1", from: "c", to: "lb" },
      { id: "e2", from: "lb", to: "api", props: { keepAlive: true } },
    ],
  });

  it("says that Brotli still fails because of the hidden Vary: Accept-Encoding setting", () => {
    const doc = design({ compression: "brotli" });
    const out = evaluateDesign(doc);
    if (!out.ok) throw new Error("invalid");
    const item = out.result.checklist.find((c) => c.id === "compression");
    expect(item?.status).toBe("fail");
    const reason = checklistReason("compression", item!.nodeIds, doc as never);
    expect(reason.what.join(" ")).toMatch(/Front door compresses with Brotli but "Vary: Accept-Encoding" is off/);
    expect(reason.why.length).toBeGreaterThan(20);
    expect(reason.change).toMatch(/Vary: Accept-Encoding/);
  });
});

describe("targets are only met on a real request path", () => {
  it("a client wired to nothing is not measured; a real path is", () => {
    const empty = evaluateDesign({ version: 1, name: "Empty", nodes: [{ id: "c", kind: "client" }], edges: [] });
    if (!empty.ok) throw new Error("invalid");
    expect(measuredOnRequestPath(empty.result)).toBe(false);
    const real = evaluateDesign(problem.reference);
    if (!real.ok) throw new Error("invalid");
    expect(measuredOnRequestPath(real.result)).toBe(true);
  });
});
