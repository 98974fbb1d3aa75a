import { describe, expect, it } from "vitest";
import { emptyValue } from "@/components/instructor/schema-form";
import { numericQuestionSchema, questionSchema } from "@/lib/schemas/question";

describe("authoring a numeric question (issue 13, item 7)", () => {
  it("starts with no answer and no tolerance, and is invalid until both are given", () => {
    const blank = emptyValue(numericQuestionSchema) as Record<string, unknown>;
    expect(blank.answer).toBeUndefined();
    expect((blank.tolerance as Record<string, unknown>).value).toBeUndefined();
    const draft = {
      ...blank,
      id: "latency/new-numeric",
      chapter: "latency",
      section: "latency-numbers",
      tags: ["latency"],
      prompt: "How long?",
      explanation: "Because.",
      unit: "ms",
    };
    const parsed = questionSchema.safeParse(draft);
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        ["answer", "give the right answer as a number"],
        ["tolerance.value", "give the tolerance (0 for an exact answer)"],
      ]),
    );
    expect(questionSchema.safeParse({ ...draft, answer: 5001, tolerance: { kind: "absolute", value: 0 } }).success).toBe(true);
  });
});
