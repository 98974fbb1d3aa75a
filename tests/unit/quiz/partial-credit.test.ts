import { describe, expect, it } from "vitest";
import { applyHintCost, matchShortAnswer, orderingPublicIds, scoreResponse, toPublicQuestion, unanswerableReason } from "@/lib/core/quiz";
import { questionSchema, type Question } from "@/lib/schemas/question";
import { weightedChoices } from "../../support/weighted-choices";
import { as, fixtureBase as base, matching, ordering, shortAnswer } from "./fixtures";

const parse = (q: Record<string, unknown>): Question => questionSchema.parse({ ...base, ...q });
const issues = (q: Record<string, unknown>): string[] => {
  const r = questionSchema.safeParse({ ...base, ...q });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

const weightedMultiple = parse({
  id: "tcp-connections/weighted-multiple",
  type: "multiple",
  choices: weightedChoices([
    [true, 0.5],
    [true, 0.5],
    [false, -0.25],
    [false, -1],
  ]),
});

const weightedSingle = parse({
  id: "tcp-connections/weighted-single",
  type: "single",
  choices: weightedChoices([
    [true, 1],
    [false, 0.5],
    [false, -0.5],
  ]),
});

describe("choice weights", () => {
  it("multiple: sums the picked weights", () => {
    expect(scoreResponse(weightedMultiple, { choiceIds: ["a", "b"] }).score).toBe(1);
    expect(scoreResponse(weightedMultiple, { choiceIds: ["a"] }).score).toBe(0.5);
    expect(scoreResponse(weightedMultiple, { choiceIds: ["a", "b", "c"] }).score).toBe(0.75);
    expect(scoreResponse(weightedMultiple, { choiceIds: ["a", "c"] }).score).toBe(0.25);
  });

  it("clamps negative totals at 0 per question, so one question never takes marks from another", () => {
    const r = scoreResponse(weightedMultiple, { choiceIds: ["a", "d"] });
    expect(r).toMatchObject({ score: 0, correct: false });
    expect(scoreResponse(weightedMultiple, { choiceIds: ["c", "d"] }).score).toBe(0);
    expect(scoreResponse(weightedSingle, { choiceId: "c" }).score).toBe(0);
  });

  it("single: the picked choice's weight, shown per choice in the feedback", () => {
    const r = scoreResponse(weightedSingle, { choiceId: "b" });
    expect(r).toMatchObject({ score: 0.5, correct: false });
    if (r.feedback.type !== "single") throw new Error("type");
    expect(r.feedback.perChoice.map((c) => c.weight)).toEqual([1, 0.5, -0.5]);
    expect(scoreResponse(weightedSingle, { choiceId: "a" })).toMatchObject({ score: 1, correct: true });
  });

  it("thirds typed as decimals still add up to full marks", () => {
    const q = parse({
      id: "tcp-connections/thirds",
      type: "multiple",
      choices: weightedChoices([
        [true, 0.33333],
        [true, 0.33333],
        [true, 0.33334],
        [false, -0.5],
      ]),
    });
    expect(scoreResponse(q, { choiceIds: ["a", "b", "c"] })).toMatchObject({ score: 1, correct: true });
  });

  it("refuses weights where no answer can score full marks, or that disagree with the flags", () => {
    const cases: [type: "single" | "multiple", rows: Parameters<typeof weightedChoices>[0], refusal: unknown[]][] = [
      ["multiple", [[true, 0.5], [true, 0.25], [false, -1]], [expect.stringMatching(/^choices: the positive weights add up to 75 %/)]],
      ["single", [[true, 0.5], [false, 0], [false, 0]], ["choices.0.weight: the correct choice of a single-choice question is worth 100 %"]],
      [
        "multiple",
        [[true, 1], [false, 0.5], [false, 0]],
        ["choices.1.weight: a wrong choice cannot earn credit", expect.stringMatching(/add up to 150 %/)],
      ],
      ["multiple", [[true, 1], [false, undefined], [false, 0]], ["choices: when one choice has a weight, every choice needs one"]],
    ];
    for (const [type, rows, refusal] of cases) {
      expect(issues({ id: "tcp-connections/bad-weights", type, choices: weightedChoices(rows) })).toEqual(refusal);
    }
  });
});

describe("numeric partial ranges", () => {
  const q = parse({
    id: "tcp-connections/ranges",
    type: "numeric",
    answer: 100,
    tolerance: { kind: "absolute", value: 1 },
    unit: "Mbit/s",
    feedbackHigh: "FB-HIGH",
    partialRanges: [
      { answer: 800, tolerance: { kind: "absolute", value: 1 }, weight: 0.5, feedback: "FB-BITS" },
      { answer: 100, tolerance: { kind: "relative", value: 0.2 }, weight: 0.25 },
    ],
  });

  it("scores 1 in the main range, else the best partial range that holds the value, else 0", () => {
    expect(scoreResponse(q, { value: 100.5 }).score).toBe(1);
    const bits = scoreResponse(q, { value: 800 });
    expect(bits.score).toBe(0.5);
    expect(bits.feedback.type === "numeric" && bits.feedback.message).toBe("FB-BITS");
    expect(scoreResponse(q, { value: 115 }).score).toBe(0.25);
    const far = scoreResponse(q, { value: 5000 });
    expect(far.score).toBe(0);
    expect(far.feedback.type === "numeric" && far.feedback.message).toBe("FB-HIGH");
  });

  it("lists the partial ranges in the feedback for display", () => {
    const r = scoreResponse(q, { value: 0 });
    if (r.feedback.type !== "numeric") throw new Error("type");
    expect(r.feedback.correctAnswer.partial).toEqual([
      { min: 799, max: 801, weight: 0.5 },
      { min: 80, max: 120, weight: 0.25 },
    ]);
  });
});

describe("ordering scored per position and matching per pair", () => {
  const right = orderingPublicIds(as(ordering, "ordering"));
  const [a, b, c, d] = right as [string, string, string, string];
  const byPosition = { ...as(ordering, "ordering"), scoring: "position" as const };
  const allOrNothing = { ...as(ordering, "ordering"), scoring: "all_or_nothing" as const };

  it("position: the share of items in their exact place", () => {
    expect(scoreResponse(byPosition, { order: [a, b, c, d] }).score).toBe(1);
    expect(scoreResponse(byPosition, { order: [a, b, d, c] }).score).toBe(0.5);
    // Everything shifted by one: the adjacent-pair rule gives most of the credit, the position rule none.
    expect(scoreResponse(byPosition, { order: [d, a, b, c] }).score).toBe(0);
    expect(scoreResponse(ordering, { order: [d, a, b, c] }).score).toBeCloseTo(2 / 3, 12);
  });

  it("all or nothing", () => {
    expect(scoreResponse(allOrNothing, { order: [a, b, d, c] }).score).toBe(0);
    expect(scoreResponse(allOrNothing, { order: [a, b, c, d] }).score).toBe(1);
  });

  it("matching: each right pair earns its share; all_or_nothing needs every pair", () => {
    const m = as(matching, "matching");
    const full = scoreResponse(m, { matches: {} });
    if (full.feedback.type !== "matching") throw new Error("type");
    const correct = full.feedback.correctAnswer.matches;
    const half = { a: correct.a as string, b: correct.b as string };
    expect(scoreResponse(m, { matches: half }).score).toBe(0.5);
    expect(scoreResponse({ ...m, scoring: "all_or_nothing" }, { matches: half }).score).toBe(0);
    expect(scoreResponse({ ...m, scoring: "all_or_nothing" }, { matches: correct }).score).toBe(1);
  });
});

describe("short answer", () => {
  const q = as(shortAnswer, "short_answer");

  it("accepts several answers, ignoring case and extra spaces by default", () => {
    expect(scoreResponse(q, { text: "three-way handshake" })).toMatchObject({ score: 1, correct: true });
    expect(scoreResponse(q, { text: "  THREE-WAY   handshake " }).score).toBe(1);
    const pattern = scoreResponse(q, { text: "3 way" });
    expect(pattern.score).toBe(1);
    expect(pattern.feedback.type === "short_answer" && pattern.feedback.message).toBe("FB-PATTERN");
    const half = scoreResponse(q, { text: "Handshake" });
    expect(half).toMatchObject({ score: 0.5, correct: false });
    const wrong = scoreResponse(q, { text: "slow start" });
    expect(wrong.score).toBe(0);
    expect(wrong.feedback.type === "short_answer" && wrong.feedback.message).toBe("FB-WRONG");
    expect(scoreResponse(q, { text: "   " }).score).toBe(0);
  });

  it("anchors patterns to the whole answer", () => {
    expect(scoreResponse(q, { text: "not a 3-way thing" }).score).toBe(0);
  });

  it("honours case-sensitive and whitespace rules", () => {
    const strict = { ...q, caseSensitive: true, whitespace: "exact" as const };
    expect(scoreResponse(strict, { text: "Three-way handshake" }).score).toBe(1);
    expect(scoreResponse(strict, { text: "three-way handshake" }).score).toBe(0);
    expect(scoreResponse(strict, { text: "Three-way handshake " }).score).toBe(0);
    const spaceless = { ...q, whitespace: "ignore" as const };
    expect(matchShortAnswer(spaceless, "Three - way hand shake")?.feedback).toBe("FB-EXACT");
    expect(matchShortAnswer(q, "Three - way hand shake")).toBeNull();
  });

  it("runs a catastrophic-backtracking pattern in linear time (RE2 semantics)", () => {
    const evil = parse({
      id: "tcp-connections/evil",
      type: "short_answer",
      answers: [
        { match: "text", value: "aaa", weight: 1 },
        { match: "regex", value: "(a+)+b", weight: 1 },
      ],
    });
    // With backtracking engines this input takes longer than the age of the universe.
    expect(scoreResponse(evil, { text: `${"a".repeat(199)}!` }).score).toBe(0);
  });

  it("refuses questions with no full-mark text answer, a pattern that does not compile or one too long", () => {
    const id = "tcp-connections/bad-short";
    expect(issues({ id, type: "short_answer", answers: [] })).toEqual(
      expect.arrayContaining(["answers: give at least one accepted answer"]),
    );
    expect(issues({ id, type: "short_answer", answers: [{ match: "regex", value: "tcp|udp", weight: 1 }] })).toEqual([
      expect.stringMatching(/^answers: give at least one accepted answer written out as text/),
    ]);
    // An unclosed group, and a back-reference (it needs backtracking; RE2 refuses it, and so do we).
    for (const pattern of ["(tcp", "(a)\\1", "[a-z]{101}", "x{2,500}"]) {
      const answers = [
        { match: "text", value: "tcp", weight: 1 },
        { match: "regex", value: pattern, weight: 1 },
      ];
      expect(issues({ id, type: "short_answer", answers })).toEqual([
        expect.stringMatching(/^answers\.1\.value: regular expression (does not compile|repeats at most 100 times)/),
      ]);
    }
    expect(
      issues({ id, type: "short_answer", answers: [{ match: "text", value: "x".repeat(201), weight: 1 }] }),
    ).toEqual([expect.stringMatching(/^answers\.0\.value:/)]);
  });

  it("refuses responses that are too long or carry NUL bytes, naming the field", () => {
    expect(() => scoreResponse(q, { text: "a".repeat(201) })).toThrow(/text/);
    expect(() => scoreResponse(q, { text: "tcp\u0000" })).toThrow(/text: must not contain NUL/);
    expect(() => scoreResponse(q, { text: 42 })).toThrow(/text/);
  });

  it("the preview check catches a wrong answer listed first that swallows the right one", () => {
    const shadowed = parse({
      id: "tcp-connections/shadowed",
      type: "short_answer",
      answers: [
        { match: "regex", value: ".*", weight: 0, feedback: "anything" },
        { match: "text", value: "tcp", weight: 1 },
      ],
    });
    expect(unanswerableReason(shadowed)).toBe("even the right answer scores 0 of 1");
    expect(unanswerableReason(q)).toBeNull();
  });
});

describe("hint cost", () => {
  it("takes the stated share off the mark, never below 0, and keeps whether the answer was right", () => {
    const right = scoreResponse(shortAnswer, { text: "three-way handshake" });
    expect(applyHintCost(right, 0.25)).toMatchObject({ score: 0.75, correct: true, hintCost: 0.25 });
    const half = scoreResponse(shortAnswer, { text: "handshake" });
    expect(applyHintCost(half, 0.75)).toMatchObject({ score: 0, hintCost: 0.75 });
    expect(applyHintCost(right, 0)).toEqual(right);
  });

  it("refuses hints that together cost more than the whole mark", () => {
    expect(
      issues({
        id: "tcp-connections/hinted",
        type: "true_false",
        answer: true,
        feedbackTrue: "t",
        feedbackFalse: "f",
        hints: [
          { text: "one", cost: 0.6 },
          { text: "two", cost: 0.6 },
        ],
      }),
    ).toEqual(["hints: hints cost 120 % of the mark in total; at most 100 %"]);
  });
});

describe("the public question", () => {
  it("carries what each hint costs but never a hint's text or an accepted answer", () => {
    const q = questionSchema.parse({
      ...shortAnswer,
      id: "tcp-connections/public-hints",
      hints: [{ text: "HINT-TEXT-SECRET", cost: 0.25 }],
    });
    const pub = toPublicQuestion(q, "seed");
    expect(pub).toMatchObject({ type: "short_answer", hintCosts: [0.25], caseSensitive: false });
    const json = JSON.stringify(pub);
    for (const secret of ["HINT-TEXT-SECRET", "Three-way handshake", "(3|three)", "FB-"]) expect(json).not.toContain(secret);
  });
});
