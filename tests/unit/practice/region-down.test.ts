import { describe, expect, it } from "vitest";
import { applyFollowUp, judgeFollowUp } from "@/lib/core/canvas/interview";
import { evaluateDesign, type EvaluationResult } from "@/lib/core/evaluator";
import type { Design } from "@/lib/core/evaluator/schema";
import { readProblemFiles } from "../../../scripts/lib/seed-problems";

// "A region is down" as a follow-up round: every problem whose users are in more than one region has one, it is
// applied to the design as a change of scenario, and it tells a design that survives losing the region (the
// reference, with its standby region) from one that does not (the same reference without the standby).

const problems = readProblemFiles();
const multiRegion = problems.filter((p) => new Set(p.clients.map((c) => c.region)).size > 1);

function scored(doc: unknown): EvaluationResult {
  const outcome = evaluateDesign(doc, { seed: 1 });
  if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
  return outcome.result;
}

describe("the region-down follow-up", () => {
  it("exists for every problem with users in more than one region", () => {
    expect(multiRegion.length).toBeGreaterThanOrEqual(4);
    for (const p of multiRegion) expect(p.followUps.some((f) => f.change.some((c) => c.op === "region-down")), p.slug).toBe(true);
  });

  it.each(multiRegion.map((p) => [p.slug, p] as const))("%s: the reference survives it; without its standby region it fails", (_slug, p) => {
    const round = p.followUps.find((f) => f.change.some((c) => c.op === "region-down"))!;
    const judge = (doc: Design) => judgeFollowUp(round, p.scenario.targets, scored(doc), scored(applyFollowUp(doc, round.change)), (id) => id);
    const reference = p.reference as Design;
    expect(judge(reference).passed).toBe(true);

    const down = new Set(round.change.flatMap((c) => (c.op === "region-down" ? [c.region] : [])));
    const single: Design = {
      ...reference,
      nodes: reference.nodes.filter((n) => n.kind === "client" || !n.region || down.has(n.region)),
      edges: reference.edges.filter((e) => {
        const keep = (id: string) => reference.nodes.some((n) => n.id === id && (n.kind === "client" || !n.region || down.has(n.region)));
        return keep(e.from) && keep(e.to);
      }),
    };
    const verdict = judge(single);
    expect(verdict.passed).toBe(false);
    expect(verdict.broke[0]?.what).toBe("No request reaches a backend any more");
  });

  it("takes down what only forwarded into the lost region, and nothing that still has somewhere to send requests", () => {
    const doc = {
      version: 1,
      name: "CDN in front of one region",
      nodes: [
        { id: "users", kind: "client", region: "eu-west" },
        { id: "cdn", kind: "cdn" },
        { id: "lb", kind: "load_balancer", region: "us-east" },
        { id: "app", kind: "service", region: "us-east" },
        { id: "queue-reader", kind: "worker", region: "eu-west" },
      ],
      edges: [
        { id: "a", from: "users", to: "cdn" },
        { id: "b", from: "cdn", to: "lb" },
        { id: "c", from: "lb", to: "app" },
        { id: "d", from: "queue-reader", to: "app", props: { mode: "async" } },
      ],
    } as unknown as Design;
    const after = applyFollowUp(doc, [{ op: "region-down", region: "us-east" }]);
    expect(after.nodes.map((n) => n.id).sort()).toEqual(["queue-reader", "users"]);
    expect(after.edges.map((e) => e.id)).toEqual([]);
  });
});
