import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { evaluationResultSchema } from "@/lib/schemas/evaluation-result";

// The result schema mirrors the evaluator's output: parsing a real result must keep every field (zod strips
// keys it does not know, so a field missing from the schema makes the parsed copy differ).

const example = (name: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../lib/core/evaluator/examples/${name}`, import.meta.url)), "utf8"),
  );

describe("evaluationResultSchema", () => {
  it.each(["bad-design.json", "request-journey.json", "chat-websockets.json"])(
    "parses %s's result without losing a field",
    (name) => {
      const outcome = evaluateDesign(example(name));
      if (!outcome.ok) throw new Error(`example ${name} does not validate`);
      expect(evaluationResultSchema.parse(outcome.result)).toEqual(outcome.result);
    },
  );

  it("refuses a result whose finding id the evaluator does not know", () => {
    const outcome = evaluateDesign(example("bad-design.json"));
    if (!outcome.ok) throw new Error("example does not validate");
    const [first, ...rest] = outcome.result.findings;
    const forged = { ...outcome.result, findings: [{ ...first, id: "made-up" }, ...rest] };
    expect(evaluationResultSchema.safeParse(forged).success).toBe(false);
  });
});
