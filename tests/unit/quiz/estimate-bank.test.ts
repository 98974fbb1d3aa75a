import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { correctResponse, dealLayout, drawValues, evaluateFormula, scoreResponse, toPublicQuestion } from "@/lib/core/quiz";
import { questionFileSchema, type EstimateQuestion } from "@/lib/schemas/question";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const dir = path.join(ROOT, "content/questions");
const estimates = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => questionFileSchema.parse(JSON.parse(readFileSync(path.join(dir, f), "utf8"))))
  .filter((q): q is EstimateQuestion => q.type === "estimate");

describe("the bank's generated estimation questions", () => {
  it("has at least 40, spread over several chapters", () => {
    expect(estimates.length).toBeGreaterThanOrEqual(40);
    expect(new Set(estimates.map((q) => q.chapter)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(estimates.map((q) => [q.id, q] as const))(
    "%s: 200 draws give a finite positive answer and a full solution",
    (_, q) => {
      for (let i = 0; i < 200; i++) {
        const layout = dealLayout(q, `bank-${i}`);
        const values = layout.values ?? {};
        for (const v of q.variables) {
          const x = values[v.name] as number;
          expect(x).toBeGreaterThanOrEqual(v.min);
          expect(x).toBeLessThanOrEqual(v.max);
        }
        const answer = evaluateFormula(q.formula, values);
        expect(Number.isFinite(answer) && answer > 0).toBe(true);
        const result = scoreResponse(q, correctResponse(q, layout), layout);
        expect(result.score).toBe(1);
        if (result.feedback.type !== "estimate") throw new Error("wrong feedback type");
        // Every placeholder was filled and no step came out as "—" (non-finite).
        expect(result.feedback.solution).not.toMatch(/\{\{|\}\}|—|NaN|Infinity/);
        const pub = toPublicQuestion(q, layout);
        expect(pub.prompt).not.toMatch(/\{\{|\}\}/);
        // The page data holds neither the formula nor the answer.
        expect(JSON.stringify(pub)).not.toContain(q.formula);
        expect(Object.keys(pub)).not.toContain("variables");
      }
    },
  );

  it("shows drawn values with their units and in words for millions", () => {
    const q = estimates.find((e) => e.id === "estimation/gen-average-qps");
    if (!q) throw new Error("missing question");
    const values = drawValues(q.variables, "fixed");
    const pub = toPublicQuestion(q, { values: { ...values, dau: 12_000_000 } });
    expect(pub.prompt).toContain("12 million DAU");
  });
});
