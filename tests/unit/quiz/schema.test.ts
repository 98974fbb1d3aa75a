import { describe, expect, it } from "vitest";
import { questionFileSchema, questionSchema } from "@/lib/schemas/question";
import { matching, multiple, numericAbs, ordering, single } from "./fixtures";

const issues = (raw: unknown) => {
  const r = questionSchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("questionSchema refinements", () => {
  it("accepts the fixtures", () => {
    expect(issues(single)).toEqual([]);
  });

  it("single needs exactly one correct choice", () => {
    const twoRight = {
      ...single,
      choices: single.type === "single" ? single.choices.map((c) => ({ ...c, correct: true })) : [],
    };
    expect(issues(twoRight).join()).toMatch(/exactly one correct/);
    const noneRight = {
      ...single,
      choices: single.type === "single" ? single.choices.map((c) => ({ ...c, correct: false })) : [],
    };
    expect(issues(noneRight).join()).toMatch(/exactly one correct/);
  });

  it("multiple needs at least one correct choice", () => {
    const none = {
      ...multiple,
      choices: multiple.type === "multiple" ? multiple.choices.map((c) => ({ ...c, correct: false })) : [],
    };
    expect(issues(none).join()).toMatch(/at least one correct/);
  });

  it("choice ids and texts are unique", () => {
    if (single.type !== "single") throw new Error("type");
    const [a, b, c] = single.choices;
    expect(issues({ ...single, choices: [a, { ...b, id: "a" }, c] }).join()).toMatch(/duplicate choice id/);
    expect(issues({ ...single, choices: [a, b, { ...c, text: a?.text }] }).join()).toMatch(/duplicate choice text/);
  });

  it("choice counts stay within 3–6", () => {
    if (single.type !== "single") throw new Error("type");
    expect(issues({ ...single, choices: single.choices.slice(0, 2) }).length).toBeGreaterThan(0);
  });

  it("tolerance is not negative", () => {
    expect(issues({ ...numericAbs, tolerance: { kind: "absolute", value: -1 } }).length).toBeGreaterThan(0);
    expect(issues({ ...numericAbs, tolerance: { kind: "percent", value: 1 } }).length).toBeGreaterThan(0);
  });

  it("ordering has 3–7 unique items", () => {
    if (ordering.type !== "ordering") throw new Error("type");
    expect(issues({ ...ordering, items: ordering.items.slice(0, 2) }).length).toBeGreaterThan(0);
    const eight = Array.from({ length: 8 }, (_, i) => ({ id: `i${i}`, text: `item ${i}` }));
    expect(issues({ ...ordering, items: eight }).length).toBeGreaterThan(0);
    expect(issues({ ...ordering, items: [...ordering.items.slice(0, 3), { id: "a", text: "x" }] }).join()).toMatch(
      /duplicate item id/,
    );
  });

  it("matching has 3–6 pairs, unique ids and unique right-hand options", () => {
    if (matching.type !== "matching") throw new Error("type");
    expect(issues({ ...matching, pairs: matching.pairs.slice(0, 2) }).length).toBeGreaterThan(0);
    const seven = Array.from({ length: 7 }, (_, i) => ({ id: `p${i}`, left: `l${i}`, right: `r${i}` }));
    expect(issues({ ...matching, pairs: seven }).length).toBeGreaterThan(0);
    expect(issues({ ...matching, distractors: ["SSH"] }).join()).toMatch(/duplicate right-hand option/);
    const dupId = [...matching.pairs.slice(0, 3), { id: "a", left: "x", right: "y" }];
    expect(issues({ ...matching, pairs: dupId }).join()).toMatch(/duplicate pair id/);
  });

  it("id prefix, section and tags are checked", () => {
    expect(issues({ ...single, id: "dns/fixture-single" }).join()).toMatch(/must start with/);
    expect(issues({ ...single, section: "summary" }).join()).toMatch(/not a required section/);
    expect(issues({ ...single, chapter: "nope" }).length).toBeGreaterThan(0);
    expect(issues({ ...single, tags: [] }).length).toBeGreaterThan(0);
    expect(issues({ ...single, tags: ["Not Kebab"] }).length).toBeGreaterThan(0);
  });

  it("explanation and feedback must be written", () => {
    expect(issues({ ...single, explanation: "  " }).length).toBeGreaterThan(0);
    if (single.type !== "single") throw new Error("type");
    expect(issues({ ...single, choices: single.choices.map((c) => ({ ...c, feedback: "" })) }).length).toBeGreaterThan(
      0,
    );
  });

  it("unknown types and unknown fields are rejected", () => {
    expect(issues({ ...single, type: "essay" }).length).toBeGreaterThan(0);
    expect(issues({ ...single, hint: "extra" }).length).toBeGreaterThan(0);
  });

  it("a file rejects repeated ids", () => {
    expect(questionFileSchema.safeParse([single, single]).success).toBe(false);
    expect(questionFileSchema.safeParse([single, multiple]).success).toBe(true);
  });
});
