import { describe, expect, it } from "vitest";
import { evaluateDesign, validateDesign } from "@/lib/core/evaluator";
import { problemSchema } from "@/lib/schemas/problem";
import { readProblemFiles } from "../../../scripts/lib/seed-problems";

const problems = readProblemFiles();

describe("practice problems", () => {
  it("has at least eight problems with unique slugs and positions", () => {
    expect(problems.length).toBeGreaterThanOrEqual(8);
    expect(new Set(problems.map((p) => p.slug)).size).toBe(problems.length);
    expect(new Set(problems.map((p) => p.position)).size).toBe(problems.length);
  });

  it.each(problems.map((p) => [p.slug, p] as const))("%s: reference design is valid and scores at least 90", (_slug, p) => {
    expect(validateDesign(p.reference).ok).toBe(true);
    const outcome = evaluateDesign(p.reference, { seed: 1 });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.score).toBeGreaterThanOrEqual(90);
    expect(outcome.result.latency.p99Ms).toBeLessThanOrEqual(p.scenario.targets.p99Ms);
    expect(outcome.result.availability.estimate).toBeGreaterThanOrEqual(p.scenario.targets.availability);
  });

  it.each(problems.map((p) => [p.slug, p] as const))("%s: starter holds one client per listed region", (_slug, p) => {
    expect(validateDesign(p.starter).ok).toBe(true);
    const starter = p.starter as { nodes: { kind: string; region?: string }[] };
    const regions = starter.nodes.filter((n) => n.kind === "client").map((n) => n.region);
    expect(regions.sort()).toEqual(p.clients.map((c) => c.region).sort());
  });
  // The round's advice is shown after the words "What a strong answer does:" (follow-up-stage.tsx), so advice that
  // opens with "Strong answers …" read "What a strong answer does: Strong answers keep…".
  it.each(problems.map((p) => [p.slug, p] as const))("%s: follow-up advice does not repeat the label it is shown under", (_slug, p) => {
    const repeating = p.followUps.filter((f) => /^\s*(a\s+)?strong answers?\b/i.test(f.advice)).map((f) => f.key);
    expect(repeating).toEqual([]);
  });
});

describe("problem schema", () => {
  const base = problems[0]!;

  it("compares the starter's and reference's scenario with the problem's regardless of key order", () => {
    const reversed = Object.fromEntries(Object.entries(base.scenario).reverse());
    const reordered = { ...base, starter: { ...(base.starter as object), scenario: reversed } };
    expect(problemSchema.safeParse(reordered).success).toBe(true);
    const changed = { ...base, reference: { ...(base.reference as object), scenario: { ...base.scenario, rps: base.scenario.rps + 1 } } };
    const parsed = problemSchema.safeParse(changed);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("reference.scenario must equal the problem's scenario");
  });

  it("refuses a hint that links to a section that does not exist", () => {
    const bad = { ...base, hints: [...base.hints, { text: "nowhere to go", href: "/learn/dns#no-such-section" }] };
    const parsed = problemSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("section that exists");
  });

  it("refuses an invalid reference design with the evaluator's path", () => {
    const reference = structuredClone(base.reference) as { edges: { to: string }[] };
    reference.edges[0]!.to = "missing-node";
    const parsed = problemSchema.safeParse({ ...base, reference });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("edges[0].to");
  });

  it("refuses a starter whose scenario differs from the problem's", () => {
    const starter = { ...(base.starter as object), scenario: { ...base.scenario, rps: 1 } };
    expect(problemSchema.safeParse({ ...base, starter }).success).toBe(false);
  });

  it("refuses client shares that do not add up to one", () => {
    const clients = base.clients.map((c) => ({ ...c, share: 0.1 }));
    expect(problemSchema.safeParse({ ...base, clients }).success).toBe(false);
  });
});
