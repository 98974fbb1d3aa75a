import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acceptedRange,
  gradeFromScore,
  matchingOptions,
  orderingPublicIds,
  scoreResponse,
  suggestRating,
  withinTolerance,
} from "@/lib/core/quiz";
import { questionSchema, scoreResultSchema } from "@/lib/schemas/question";
import { correctResponse } from "./correct-response";
import {
  allFixtures,
  as,
  matching,
  multiple,
  numericAbs,
  numericFloat,
  numericRel,
  ordering,
  single,
  trueFalse,
} from "./fixtures";

describe("every type", () => {
  it.each(allFixtures.map((q) => [q.id, q] as const))(
    "%s: the right answer scores 1 and the result fits the schema",
    (_, q) => {
      const r = scoreResponse(q, correctResponse(q));
      expect(r.score).toBe(1);
      expect(r.correct).toBe(true);
      expect(r.feedback.type).toBe(q.type);
      expect(r.feedback.explanation).toBe("EXPLANATION-TEXT");
      expect(scoreResultSchema.safeParse(r).success).toBe(true);
    },
  );

  it("throws rather than scoring an invalid response", () => {
    expect(() => scoreResponse(single, { choiceId: "zz" })).toThrow(/choiceId/);
    expect(() => scoreResponse(numericAbs, { value: "100" })).toThrow(/value/);
  });
});

describe("single", () => {
  it("scores 1 or 0 and gives feedback for every choice", () => {
    expect(scoreResponse(single, { choiceId: "b" }).score).toBe(1);
    const wrong = scoreResponse(single, { choiceId: "a" });
    expect(wrong).toMatchObject({ score: 0, correct: false });
    if (wrong.feedback.type !== "single") throw new Error("type");
    expect(wrong.feedback.correctAnswer).toEqual({ choiceId: "b" });
    expect(wrong.feedback.perChoice.map((c) => [c.choiceId, c.picked, c.correct, c.feedback])).toEqual([
      ["a", true, false, "FB-A"],
      ["b", false, true, "FB-B"],
      ["c", false, false, "FB-C"],
    ]);
  });
});

describe("multiple (partial credit)", () => {
  const score = (ids: string[]) => scoreResponse(multiple, { choiceIds: ids }).score;

  it("gives (right − wrong) / right total", () => {
    expect(score(["a", "b", "d"])).toBe(1);
    expect(score(["d", "b", "a"])).toBe(1); // order of picks is irrelevant
    expect(score(["a", "b"])).toBeCloseTo(2 / 3, 12);
    expect(score(["a"])).toBeCloseTo(1 / 3, 12);
    expect(score(["a", "b", "c"])).toBeCloseTo(1 / 3, 12);
    expect(score(["a", "b", "d", "c"])).toBeCloseTo(2 / 3, 12);
  });

  it("floors at 0 and never rewards picking everything", () => {
    expect(score([])).toBe(0);
    expect(score(["c", "e"])).toBe(0);
    expect(score(["a", "c", "e"])).toBe(0);
    expect(score(["a", "b", "c", "d", "e"])).toBeCloseTo(1 / 3, 12);
    expect(scoreResponse(multiple, { choiceIds: ["a", "b", "c", "d", "e"] }).correct).toBe(false);
  });

  it("marks picked and correct per choice and lists the right set", () => {
    const r = scoreResponse(multiple, { choiceIds: ["a", "c"] });
    if (r.feedback.type !== "multiple") throw new Error("type");
    expect(r.feedback.correctAnswer).toEqual({ choiceIds: ["a", "b", "d"] });
    expect(r.feedback.perChoice.filter((c) => c.picked).map((c) => c.choiceId)).toEqual(["a", "c"]);
  });

  it("rejects duplicate choices instead of counting them twice", () => {
    expect(() => scoreResponse(multiple, { choiceIds: ["a", "a", "a"] })).toThrow(/duplicate/);
  });

  it("is always within [0, 1] and 1 only for the exact set (property)", () => {
    fc.assert(
      fc.property(fc.subarray(["a", "b", "c", "d", "e"]), (ids) => {
        const r = scoreResponse(multiple, { choiceIds: ids });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.correct).toBe([...ids].sort().join() === "a,b,d");
      }),
    );
  });
});

describe("true_false", () => {
  it("scores and returns the feedback written for the picked value", () => {
    const right = scoreResponse(trueFalse, { value: false });
    const wrong = scoreResponse(trueFalse, { value: true });
    expect(right.score).toBe(1);
    expect(wrong.score).toBe(0);
    if (right.feedback.type !== "true_false" || wrong.feedback.type !== "true_false") throw new Error("type");
    expect(right.feedback.message).toBe("FB-FALSE");
    expect(wrong.feedback.message).toBe("FB-TRUE");
    expect(wrong.feedback.correctAnswer).toEqual({ value: false });
  });
});

describe("numeric tolerance", () => {
  const s = (q: typeof numericAbs, value: number) => scoreResponse(q, { value }).score;

  it("absolute: boundaries are inclusive", () => {
    expect(s(numericAbs, 95)).toBe(1);
    expect(s(numericAbs, 105)).toBe(1);
    expect(s(numericAbs, 100)).toBe(1);
    expect(s(numericAbs, 94.999)).toBe(0);
    expect(s(numericAbs, 105.001)).toBe(0);
  });

  it("relative: a fraction of the answer, boundaries inclusive", () => {
    expect(s(numericRel, 180)).toBe(1);
    expect(s(numericRel, 220)).toBe(1);
    expect(s(numericRel, 179.99)).toBe(0);
    expect(s(numericRel, 220.01)).toBe(0);
  });

  it("relative tolerance works for negative answers and zero answers", () => {
    const tol = { kind: "relative", value: 0.1 } as const;
    expect(withinTolerance(-110, -100, tol)).toBe(true);
    expect(withinTolerance(-89, -100, tol)).toBe(false);
    expect(withinTolerance(0, 0, tol)).toBe(true);
    expect(withinTolerance(1e-6, 0, tol)).toBe(false);
  });

  it("takes care of floating-point noise", () => {
    expect(s(numericFloat, 0.1 + 0.2)).toBe(1);
    expect(s(numericFloat, 0.31)).toBe(0);
    expect(withinTolerance(1.1, 1, { kind: "absolute", value: 0.1 })).toBe(true); // 1.1 − 1 = 0.10000000000000009
    expect(withinTolerance(0.9, 1, { kind: "absolute", value: 0.1 })).toBe(true);
    expect(withinTolerance(1.1000001, 1, { kind: "absolute", value: 0.1 })).toBe(false);
    expect(withinTolerance(3.3, 3, { kind: "relative", value: 0.1 })).toBe(true);
  });

  it("includes both ends of any range (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.constantFrom("absolute", "relative"),
        (answer, value, kind) => {
          const tolerance = { kind, value: kind === "relative" ? value / 1e3 : value } as const;
          const { min, max } = acceptedRange(answer, tolerance);
          expect(withinTolerance(min, answer, tolerance)).toBe(true);
          expect(withinTolerance(max, answer, tolerance)).toBe(true);
          expect(withinTolerance(answer, answer, tolerance)).toBe(true);
        },
      ),
    );
  });

  it("gives feedbackLow/High only outside the range, and the accepted range", () => {
    const low = scoreResponse(numericAbs, { value: 50 });
    const high = scoreResponse(numericAbs, { value: 500 });
    const ok = scoreResponse(numericAbs, { value: 103 });
    if (low.feedback.type !== "numeric" || high.feedback.type !== "numeric" || ok.feedback.type !== "numeric") {
      throw new Error("type");
    }
    expect(low.feedback.message).toBe("FB-LOW");
    expect(high.feedback.message).toBe("FB-HIGH");
    expect(ok.feedback.message).toBeUndefined();
    expect(ok.feedback.correctAnswer).toEqual({
      value: 100,
      unit: "ms",
      tolerance: { kind: "absolute", value: 5 },
      min: 95,
      max: 105,
    });
  });

  it("leaves message out when the author wrote no low/high feedback", () => {
    const r = scoreResponse(numericRel, { value: 1 });
    expect(r.score).toBe(0);
    expect("message" in r.feedback).toBe(false);
  });
});

describe("ordering (adjacent-pair partial credit)", () => {
  const ids = orderingPublicIds(as(ordering, "ordering"));
  const [a, b, c, d] = ids as [string, string, string, string];
  const s = (order: string[]) => scoreResponse(ordering, { order }).score;

  it("scores 1 only for the right order", () => {
    expect(s([a, b, c, d])).toBe(1);
    expect(scoreResponse(ordering, { order: [b, a, c, d] }).correct).toBe(false);
  });

  it("gives the share of adjacent pairs in the right relative order", () => {
    expect(s([b, c, d, a])).toBeCloseTo(2 / 3, 12); // b<c, c<d, d>a
    expect(s([a, c, b, d])).toBeCloseTo(2 / 3, 12);
    expect(s([b, a, c, d])).toBeCloseTo(2 / 3, 12);
    expect(s([d, c, b, a])).toBe(0);
    expect(s([b, a, d, c])).toBeCloseTo(1 / 3, 12);
  });

  it("is 1 exactly for the sorted permutation (property)", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(ids, { minLength: 4, maxLength: 4 }), (order) => {
        const r = scoreResponse(ordering, { order });
        expect(r.correct).toBe(order.join() === ids.join());
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("feedback lists the right order with texts", () => {
    const r = scoreResponse(ordering, { order: [d, c, b, a] });
    if (r.feedback.type !== "ordering") throw new Error("type");
    expect(r.feedback.correctAnswer.order).toEqual(ids);
    expect(r.feedback.correctItems.map((i) => i.text)).toEqual(["SYN", "SYN-ACK", "ACK", "Data"]);
  });
});

describe("matching", () => {
  const options = matchingOptions(as(matching, "matching"));
  const opt = (text: string) => options.find((o) => o.text === text)?.id ?? "";
  const s = (matches: Record<string, string>) => scoreResponse(matching, { matches }).score;

  it("scores the share of left items matched correctly", () => {
    const all = { a: opt("SSH"), b: opt("HTTPS"), c: opt("PostgreSQL"), d: opt("Redis") };
    expect(s(all)).toBe(1);
    expect(s({ ...all, d: opt("SMTP") })).toBe(0.75);
    expect(s({ a: opt("HTTPS"), b: opt("SSH"), c: opt("PostgreSQL"), d: opt("Redis") })).toBe(0.5);
  });

  it("counts unmatched left items as wrong", () => {
    expect(s({})).toBe(0);
    expect(s({ a: opt("SSH") })).toBe(0.25);
  });

  it("reports picked and right option per left item", () => {
    const r = scoreResponse(matching, { matches: { a: opt("SMTP") } });
    if (r.feedback.type !== "matching") throw new Error("type");
    expect(r.feedback.perLeft[0]).toEqual({
      leftId: "a",
      pickedOptionId: opt("SMTP"),
      correctOptionId: opt("SSH"),
      correct: false,
    });
    expect(r.feedback.perLeft[1]).toMatchObject({ leftId: "b", pickedOptionId: null, correct: false });
    expect(r.feedback.correctAnswer.matches).toEqual({
      a: opt("SSH"),
      b: opt("HTTPS"),
      c: opt("PostgreSQL"),
      d: opt("Redis"),
    });
  });
});

describe("gradeFromScore and suggestRating", () => {
  it("grades", () => {
    expect(gradeFromScore(1)).toBe("correct");
    expect(gradeFromScore(0.5)).toBe("partial");
    expect(gradeFromScore(0)).toBe("incorrect");
    expect(gradeFromScore(Number.NaN)).toBe("incorrect");
  });

  it("never lets a self-rating lift a wrong or partial answer", () => {
    expect(suggestRating(0)).toBe("Again");
    expect(suggestRating(0, "Easy")).toBe("Again");
    expect(suggestRating(0.5)).toBe("Hard");
    expect(suggestRating(0.5, "Easy")).toBe("Hard");
    expect(suggestRating(0.5, "Again")).toBe("Again");
  });

  it("uses the self-rating for a right answer, Good by default", () => {
    expect(suggestRating(1)).toBe("Good");
    expect(suggestRating(1, "Easy")).toBe("Easy");
    expect(suggestRating(1, "Hard")).toBe("Hard");
    expect(suggestRating(1, "Again")).toBe("Again");
  });
});

describe("scoring does not depend on the authored ids leaking", () => {
  it("a question whose ordering texts change gets new public ids", () => {
    const edited = questionSchema.parse({
      ...ordering,
      items: ordering.type === "ordering" ? [...ordering.items].reverse() : [],
    });
    expect(orderingPublicIds(as(edited, "ordering"))).not.toEqual(orderingPublicIds(as(ordering, "ordering")));
  });
});
