import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateDesign, type EvaluationResult } from "@/lib/core/evaluator";
import { applyRubric, DEFAULT_RUBRIC_WEIGHTS, describeWeights, REQUIRED_ITEM_CAP, weightedScore } from "@/lib/core/canvas/rubric";
import { problemSchema } from "@/lib/schemas/problem";
import { readProblemFiles } from "../../../scripts/lib/seed-problems";

const problems = readProblemFiles();
const examplesDir = join(process.cwd(), "lib/core/evaluator/examples");
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".json") && !f.startsWith("generated"))
  .map((f) => [f, JSON.parse(readFileSync(join(examplesDir, f), "utf8")) as unknown] as const);
const designs: (readonly [string, unknown])[] = [
  ...examples,
  ...problems.flatMap((p) => [[`${p.slug} reference`, p.reference] as const, [`${p.slug} starter`, p.starter] as const]),
];

function evaluate(doc: unknown): EvaluationResult {
  const outcome = evaluateDesign(doc, { seed: 1 });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

const results = designs.map(([name, doc]) => [name, evaluate(doc)] as const);

describe("problem rubric: weights", () => {
  it.each(results)("%s: the default weights reproduce the evaluator's score (no drift from score.ts)", (_name, result) => {
    expect(weightedScore(result, DEFAULT_RUBRIC_WEIGHTS)).toBe(result.score);
    const applied = applyRubric(result, undefined);
    expect(applied.score).toBe(result.score);
    expect(applied.weighted).toBe(false);
    expect(applied.requiredMet).toBe(true);
    expect(applied.cap).toBeNull();
  });

  it("weights move the score towards the parts that count more", () => {
    // A design strong on latency and weak on its checklist: latency-heavy weights raise it, checklist-heavy lower it.
    const result = {
      ...results[0]![1],
      score: 69,
      categories: { latency: { score: 100 }, reliability: { score: 80 }, capacity: { score: 60 }, security: { score: 60 }, checklist: { score: 30 } },
      findings: [],
      scoreCap: null,
    };
    expect(applyRubric(result, undefined).score).toBe(69);
    const latencyHeavy = applyRubric(result, { weights: { latency: 60, reliability: 10, capacity: 10, security: 10, checklist: 10 } });
    const checklistHeavy = applyRubric(result, { weights: { latency: 10, reliability: 10, capacity: 10, security: 10, checklist: 60 } });
    expect(latencyHeavy.weighted).toBe(true);
    expect(latencyHeavy.score).toBe(Math.round(60 + 8 + 6 + 6 + 3));
    expect(checklistHeavy.score).toBe(Math.round(10 + 8 + 6 + 6 + 18));
    expect(latencyHeavy.evaluatorScore).toBe(result.score);
  });

  it("never lifts a score above the evaluator's own cap", () => {
    const capped = results.find(([, r]) => r.scoreCap !== null);
    expect(capped).toBeDefined();
    const result = capped![1];
    for (const weights of [
      { latency: 100, reliability: 0, capacity: 0, security: 0, checklist: 0 },
      { latency: 0, reliability: 0, capacity: 0, security: 100, checklist: 0 },
    ]) {
      expect(applyRubric(result, { weights }).score).toBeLessThanOrEqual(result.scoreCap!.max);
    }
  });

  it("describes the weights in words with units", () => {
    expect(describeWeights(DEFAULT_RUBRIC_WEIGHTS)).toBe("Latency 25 %, reliability 25 %, capacity 15 %, security 20 %, design checklist 15 %");
  });
});

describe("problem rubric: required checklist items", () => {
  const failing = results.find(([, r]) => r.score > REQUIRED_ITEM_CAP && r.checklist.some((i) => i.status === "fail"));

  it("a failed required item caps the score at 59, fails the stage and links the chapter", () => {
    expect(failing, "some example scores above 59 with a failing checklist item").toBeDefined();
    const result = failing![1];
    const item = result.checklist.find((i) => i.status === "fail")!;
    const applied = applyRubric(result, { required: [item.id] });
    expect(applied.score).toBe(REQUIRED_ITEM_CAP);
    expect(applied.grade).toBe("F");
    expect(applied.requiredMet).toBe(false);
    expect(applied.cap?.href).toMatch(/^\/learn\/[a-z-]+#[a-z0-9-]+$/);
    expect(applied.cap?.reason).toContain(applied.required[0]!.title);
    expect(applied.cap?.reason).not.toContain(item.id);
  });

  it("a required item that passes or does not apply changes nothing", () => {
    const result = failing![1];
    const ok = result.checklist.filter((i) => i.status !== "fail").map((i) => i.id);
    expect(ok.length).toBeGreaterThan(0);
    const applied = applyRubric(result, { required: ok });
    expect(applied.score).toBe(result.score);
    expect(applied.requiredMet).toBe(true);
    expect(applied.cap).toBeNull();
  });
});

describe("problem schema: rubric", () => {
  const base = problems[0]!;
  const issues = (rubric: unknown) => {
    const parsed = problemSchema.safeParse({ ...base, rubric });
    return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  };

  it("accepts weights adding up to 100 and known checklist items", () => {
    expect(issues({ weights: { latency: 40, reliability: 30, capacity: 10, security: 10, checklist: 10 }, required: ["edge-tls", "compression"] })).toEqual([]);
    expect(issues(undefined)).toEqual([]);
  });

  it("names the field of every bad value", () => {
    expect(issues({ weights: { latency: 50, reliability: 30, capacity: 10, security: 10, checklist: 10 } })).toEqual([
      { path: "rubric.weights", message: "the weights must add up to 100 %" },
    ]);
    expect(issues({ weights: { latency: -5, reliability: 55, capacity: 20, security: 20, checklist: 10 } })[0]?.path).toBe("rubric.weights.latency");
    expect(issues({ weights: { latency: 25.5, reliability: 24.5, capacity: 15, security: 20, checklist: 15 } })[0]?.path).toBe("rubric.weights.latency");
    expect(issues({ required: ["edge-tls", "no-such-item"] })[0]).toEqual({ path: "rubric.required.1", message: "not one of the ten design checklist items" });
    expect(issues({ required: ["edge-tls", "edge-tls"] })[0]?.path).toBe("rubric.required");
    expect(issues({ weights: { latency: 100 } })[0]?.path).toMatch(/^rubric\.weights\./);
    expect(issues({ bonus: 10 })[0]?.path).toBe("rubric");
  });
});
