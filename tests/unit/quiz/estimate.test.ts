import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkFormula,
  correctResponse,
  dealLayout,
  drawValues,
  estimateRange,
  evaluateFormula,
  formatQuantity,
  scoreResponse,
  toPublicQuestion,
  unanswerableReason,
  validateResponse,
  withinEstimate,
} from "@/lib/core/quiz";
import { publicQuestionSchema, questionSchema, scoreResultSchema, type EstimateQuestion } from "@/lib/schemas/question";
import { attemptPlanItemsSchema } from "@/lib/schemas/quiz-attempt";

const authored = {
  id: "estimation/qps-test",
  type: "estimate",
  chapter: "estimation",
  section: "qps-from-dau",
  difficulty: "easy",
  tags: ["estimation"],
  prompt: "There are {{dau}} sending {{perUser}}. Requests per second?",
  explanation: "Daily total over 86,400 s.",
  variables: [
    { name: "dau", min: 1e6, max: 1e8, scale: "log", unit: "DAU" },
    { name: "perUser", min: 5, max: 50, scale: "linear", step: 5, unit: "requests a day" },
  ],
  formula: "dau * perUser / 86400",
  unit: "requests/s",
  tolerance: { kind: "relative", value: 0.1 },
  solution: "Per day {{= dau * perUser | requests}}; per second {{answer}}.",
};

const parse = (patch: Record<string, unknown>) => questionSchema.safeParse({ ...authored, ...patch });
const messages = (patch: Record<string, unknown>) => {
  const r = parse(patch);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};
const q = questionSchema.parse(authored) as EstimateQuestion;

describe("draws", () => {
  it("are deterministic per seed and differ between seeds", () => {
    expect(dealLayout(q, "attempt-1")).toEqual(dealLayout(q, "attempt-1"));
    const distinct = new Set(
      Array.from({ length: 50 }, (_, i) => JSON.stringify(dealLayout(q, `attempt-${i}`).values)),
    );
    expect(distinct.size).toBeGreaterThan(40);
  });

  it("stay within the ranges, on the step grid, and log draws keep two significant figures", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const v = drawValues(q.variables, seed);
        const dau = v.dau as number;
        const per = v.perUser as number;
        expect(dau).toBeGreaterThanOrEqual(1e6);
        expect(dau).toBeLessThanOrEqual(1e8);
        expect(Number(dau.toPrecision(2))).toBe(dau);
        expect(per).toBeGreaterThanOrEqual(5);
        expect(per).toBeLessThanOrEqual(50);
        expect(per % 5).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it("reach both ends of a linear range", () => {
    const seen = new Set(Array.from({ length: 400 }, (_, i) => drawValues(q.variables, i).perUser));
    expect(seen.has(5)).toBe(true);
    expect(seen.has(50)).toBe(true);
    expect(seen.size).toBe(10);
  });

  it("are spread log-uniformly: about as many in each decade", () => {
    const low = Array.from({ length: 2000 }, (_, i) => drawValues(q.variables, `s${i}`).dau as number).filter(
      (x) => x < 1e7,
    ).length;
    expect(low).toBeGreaterThan(850);
    expect(low).toBeLessThan(1150);
  });
});

describe("tolerance", () => {
  it("relative: ±10 % inclusive", () => {
    const t = { kind: "relative", value: 0.1 } as const;
    expect(withinEstimate(110, 100, t)).toBe(true);
    expect(withinEstimate(90, 100, t)).toBe(true);
    expect(withinEstimate(110.5, 100, t)).toBe(false);
    expect(withinEstimate(89, 100, t)).toBe(false);
  });

  it("factor: between answer ÷ f and answer × f", () => {
    const t = { kind: "factor", value: 3 } as const;
    expect(withinEstimate(300, 100, t)).toBe(true);
    expect(withinEstimate(34, 100, t)).toBe(true);
    expect(withinEstimate(301, 100, t)).toBe(false);
    expect(withinEstimate(33, 100, t)).toBe(false);
    expect(withinEstimate(-100, 100, t)).toBe(false);
  });

  it("magnitude: the same power of ten, next power excluded", () => {
    const t = { kind: "magnitude" } as const;
    expect(withinEstimate(1000, 4200, t)).toBe(true);
    expect(withinEstimate(9999, 4200, t)).toBe(true);
    expect(withinEstimate(10000, 4200, t)).toBe(false);
    expect(withinEstimate(999, 4200, t)).toBe(false);
    expect(withinEstimate(1000, 1000, t)).toBe(true);
    expect(estimateRange(1000, t)).toEqual({ min: 1000, max: 10000, maxExclusive: true });
    expect(withinEstimate(Number.NaN, 4200, t)).toBe(false);
  });

  it("scoring uses the values of the layout it is given, not another draw", () => {
    const layout = { values: { dau: 8_640_000, perUser: 10 } };
    expect(scoreResponse(q, { value: 1000 }, layout).score).toBe(1);
    expect(scoreResponse(q, { value: 1099 }, layout).score).toBe(1);
    expect(scoreResponse(q, { value: 1200 }, layout).score).toBe(0);
    const other = { values: { dau: 86_400_000, perUser: 50 } };
    expect(scoreResponse(q, { value: 1000 }, other).score).toBe(0);
    expect(() => scoreResponse(q, { value: 1000 })).toThrow(/layout/);
    expect(() => scoreResponse(q, { value: 1000 }, { values: { dau: 1 } })).toThrow(/drawn values/);
  });

  it("the result carries the worked solution with the attempt's values and fits the wire schema", () => {
    const layout = { values: { dau: 8_640_000, perUser: 10 } };
    const r = scoreResponse(q, { value: 1 }, layout);
    expect(scoreResultSchema.parse(r)).toEqual(r);
    if (r.feedback.type !== "estimate") throw new Error("wrong type");
    expect(r.feedback.solution).toBe("Per day 86.4 million requests; per second 1,000 requests/s.");
    expect(r.feedback.correctAnswer).toMatchObject({ value: 1000, min: 900, max: 1100, unit: "requests/s" });
  });

  it("answers must be finite numbers, not strings", () => {
    expect(validateResponse(q, { value: "1000" }).ok).toBe(false);
    expect(validateResponse(q, { value: 1000, extra: 1 }).ok).toBe(false);
    expect(validateResponse(q, { value: 1000 }).ok).toBe(true);
  });
});

describe("public question", () => {
  it("shows the drawn values with units and never the formula, variables, answer or solution", () => {
    const layout = { values: { dau: 12_000_000, perUser: 20 } };
    const pub = toPublicQuestion(q, layout);
    expect(publicQuestionSchema.parse(pub)).toEqual(pub);
    expect(pub.prompt).toBe("There are 12 million DAU sending 20 requests a day. Requests per second?");
    const wire = JSON.stringify(pub);
    const answer = evaluateFormula(q.formula, layout.values);
    for (const secret of [q.formula, q.solution, "variables", String(answer), "2777.7"])
      expect(wire).not.toContain(secret);
  });

  it("a stored layout round-trips through the attempt-plan schema", () => {
    const layout = dealLayout(q, "seed");
    const [stored] = attemptPlanItemsSchema.parse(
      JSON.parse(JSON.stringify([{ questionId: q.id, version: 1, layout }])),
    );
    expect(toPublicQuestion(q, stored!.layout)).toEqual(toPublicQuestion(q, layout));
  });

  it("formats quantities as people write them", () => {
    expect(formatQuantity(12_000_000, "DAU")).toBe("12 million DAU");
    expect(formatQuantity(45, "ms")).toBe("45 ms");
    expect(formatQuantity(2_500_000_000, "requests")).toBe("2.5 billion requests");
    expect(formatQuantity(0.999999, "")).toBe("0.999999");
    expect(formatQuantity(45_000, "requests/s")).toBe("45,000 requests/s");
  });
});

describe("formula validation at authoring time", () => {
  const vars = ["a", "b"];
  it.each([
    ["a * b / 86400"],
    ["ceil(a / (b * 0.7))"],
    ["(1 - (1 - a / 100) ^ b) * 525600"],
    ["log2(a) + sqrt(b) + max(a, b) - min(1, 2)"],
    ["-a + +b"],
  ])("accepts %s", (f) => expect(checkFormula(f, vars)).toEqual({ ok: true }));

  it.each([
    ["import({x: 1})", /functions may be called/],
    ['evaluate("1+1")', /functions may be called|constants/],
    ["f(x) = x + 1", /not allowed/],
    ["a = 5", /not allowed/],
    ['createUnit("foo")', /functions may be called/],
    ["a.constructor", /not allowed|not one of the variables/],
    ["[a, b]", /not allowed/],
    ["a ? b : 1", /not allowed/],
    ["5 km", /not one of the variables/],
    ["pi * a", /not one of the variables/],
    ["c + a", /"c" is not one of the variables/],
    ["a mod b", /operator/],
    ["a == b", /operator/],
    ["a!", /operator/],
    ['"text"', /plain numbers/],
    ["a +", /does not parse/],
    ["a; b", /not allowed/],
    ["1:3", /not allowed/],
  ])("rejects %s", (f, why) => {
    const r = checkFormula(f, vars);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });

  it("rejects an overlong formula", () => {
    expect(checkFormula(Array.from({ length: 120 }, () => "a").join(" + "), vars).ok).toBe(false);
  });

  it("the schema refuses formulas that are not finite and positive over the ranges", () => {
    // perUser can be 5..50, so perUser - 5 reaches 0 at a corner: division by zero.
    expect(messages({ formula: "dau / (perUser - 5)" }).join()).toMatch(/finite positive number/);
    expect(messages({ formula: "perUser - 30" }).join()).toMatch(/finite positive number/);
    expect(messages({ formula: "log(perUser - 5)" }).join()).toMatch(/finite positive number/);
    expect(messages({ formula: "dau ^ 1000" }).join()).toMatch(/finite positive number/);
    expect(unanswerableReason({ ...q, formula: "dau / (perUser - 5)" })).toMatch(/finite positive number/);
    expect(unanswerableReason(q)).toBeNull();
  });

  it("the schema checks templates: every variable shown, nothing unknown, no answer in the prompt", () => {
    expect(messages({ prompt: "There are {{dau}} users." }).join()).toMatch(/never shows \{\{perUser\}\}/);
    expect(messages({ prompt: "{{dau}} {{perUser}} {{answer}}" }).join()).toMatch(
      /must not compute or show the answer/,
    );
    expect(messages({ prompt: "{{dau}} {{perUser}} {{= dau * 2}}" }).join()).toMatch(/must not compute/);
    expect(messages({ prompt: "{{dau}} {{perUser}} {{users}}" }).join()).toMatch(/"users", which is not a variable/);
    expect(messages({ solution: "It is {{= dau / 0 | x}}. {{answer}}" }).join()).toMatch(/solution step/);
    expect(messages({ solution: "No result stated." }).join()).toMatch(/\{\{answer\}\}/);
    expect(messages({ solution: "{{= import(1)}} {{answer}}" }).join()).toMatch(/in the solution/);
  });

  it("the schema checks ranges and names", () => {
    const v = authored.variables;
    expect(messages({ variables: [{ ...v[0], min: 10, max: 5 }, v[1]] }).join()).toMatch(/min must not exceed max/);
    expect(messages({ variables: [v[0], { ...v[1], step: undefined }] }).join()).toMatch(/needs a step/);
    expect(messages({ variables: [v[0], v[0]] }).join()).toMatch(/duplicate variable name/);
    expect(
      messages({ variables: [v[0], { ...v[1], name: "max" }], prompt: "{{dau}} {{max}}", formula: "dau * max" }).join(),
    ).toMatch(/reserved/);
    expect(messages({ variables: [v[0], { ...v[1], name: "__proto__" }] }).length).toBeGreaterThan(0);
    expect(messages({ tolerance: { kind: "factor", value: 1 } }).length).toBeGreaterThan(0);
    expect(messages({ tolerance: { kind: "relative", value: 0 } }).length).toBeGreaterThan(0);
  });

  it("correctResponse with the attempt's layout scores 1", () => {
    for (let i = 0; i < 50; i++) {
      const layout = dealLayout(q, i);
      expect(scoreResponse(q, correctResponse(q, layout), layout).score).toBe(1);
    }
  });
});
