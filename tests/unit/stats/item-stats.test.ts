import { describe, expect, it } from "vitest";
import { computeItemStats, median, pearson, type StatAnswer } from "@/lib/core/quiz/item-stats";
import { questionSchema, type Question } from "@/lib/schemas/question";

/*
 * Five attempts at a five-question quiz. Scores (1 = right):
 *
 *            q1  q2  q3  q4  q5 | total
 *   A1        1   0   1   1   0 |   3
 *   A2        1   1   1   1   0 |   4
 *   A3        1   0   1   1   0 |   3
 *   A4        0   1   0   1   0 |   2
 *   A5        0   1   0   1   0 |   2
 *
 * q1: x = 1 1 1 0 0 (mean .6), rest = total − x = 2 3 2 2 2 (mean 2.2)
 *     dx = .4 .4 .4 −.6 −.6, dy = −.2 .8 −.2 −.2 −.2
 *     Σdxdy = −.08 + .32 − .08 + .12 + .12 = .4; Σdx² = 1.2; Σdy² = .8
 *     r = .4 / √(1.2 × .8) = .4 / √.96 = 0.408248…
 * q2: x = 0 1 0 1 1 (mean .6), rest = 3 3 3 1 1 (mean 2.2)
 *     dx = −.6 .4 −.6 .4 .4, dy = .8 .8 .8 −1.2 −1.2
 *     Σdxdy = −.48 + .32 − .48 − .48 − .48 = −1.6; Σdx² = 1.2; Σdy² = 4.8
 *     r = −1.6 / √5.76 = −1.6 / 2.4 = −0.666667 → negative discrimination
 * q3 has the same scores as q1, so the same values.
 * q4: everyone right: facility 100 % (too easy), r undefined (no variance).
 * q5: nobody right: facility 0 % (too hard), r undefined.
 */
const grid: Record<string, number[]> = {
  A1: [1, 0, 1, 1, 0],
  A2: [1, 1, 1, 1, 0],
  A3: [1, 0, 1, 1, 0],
  A4: [0, 1, 0, 1, 0],
  A5: [0, 1, 0, 1, 0],
};

const q2: Question = questionSchema.parse({
  id: "dns/q2",
  type: "single",
  chapter: "dns",
  section: "ttl",
  difficulty: "easy",
  tags: ["dns"],
  prompt: "Pick one.",
  explanation: "Because.",
  choices: [
    { id: "a", text: "Right", correct: true, feedback: "Yes." },
    { id: "b", text: "Wrong", correct: false, feedback: "No." },
    { id: "c", text: "Also wrong", correct: false, feedback: "No." },
  ],
});

// q1 changed between A3 and A4: the first three attempts answered version 1, the last two version 2.
const answers: StatAnswer[] = Object.entries(grid).flatMap(([attemptId, scores], row) =>
  scores.map((score, col) => ({
    attemptId,
    questionId: `dns/q${col + 1}`,
    version: col === 0 && row >= 3 ? 2 : 1,
    score,
    response: col === 1 ? { choiceId: score === 1 ? "a" : row === 0 ? "b" : "c" } : {},
    timeMs: (row + 1) * 10_000,
  })),
);

const stats = computeItemStats(answers, (id) => (id === "dns/q2" ? q2 : undefined));
const byId = new Map(stats.map((s) => [s.questionId, s]));

describe("item statistics on a fixture with known values", () => {
  it("facility is the mean score in percent", () => {
    expect(stats.map((s) => [s.questionId, s.attempts, s.facility])).toEqual([
      ["dns/q1", 5, 60],
      ["dns/q2", 5, 60],
      ["dns/q3", 5, 60],
      ["dns/q4", 5, 100],
      ["dns/q5", 5, 0],
    ]);
  });

  it("discrimination is Pearson's r of the item against the rest of the attempt", () => {
    expect(byId.get("dns/q1")?.discrimination).toBeCloseTo(0.408248, 5);
    expect(byId.get("dns/q2")?.discrimination).toBeCloseTo(-0.666667, 5);
    expect(byId.get("dns/q3")?.discrimination).toBeCloseTo(0.408248, 5);
    expect(byId.get("dns/q4")?.discrimination).toBeNull();
    expect(byId.get("dns/q5")?.discrimination).toBeNull();
  });

  it("flags too easy, too hard and negative discrimination", () => {
    expect(stats.map((s) => s.flags)).toEqual([[], ["negative-discrimination"], [], ["too-easy"], ["too-hard"]]);
  });

  it("counts how often each option was picked", () => {
    expect(byId.get("dns/q2")?.options).toEqual([
      { id: "a", label: "Right", count: 3, correct: true },
      { id: "b", label: "Wrong", count: 1, correct: false },
      { id: "c", label: "Also wrong", count: 1, correct: false },
    ]);
    expect(byId.get("dns/q1")?.options).toBeNull();
  });

  it("median time over 10, 20, 30, 40, 50 s is 30 s", () => {
    expect(byId.get("dns/q1")?.medianTimeMs).toBe(30_000);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("splits by version: q1 was always right in version 1 and always wrong in version 2", () => {
    const versions = byId.get("dns/q1")?.versions ?? [];
    expect(versions.map((v) => [v.version, v.attempts, v.facility, v.flags])).toEqual([
      [1, 3, 100, ["too-easy"]],
      [2, 2, 0, ["too-hard"]],
    ]);
  });

  it("pearson is undefined for one pair or constant data", () => {
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
  });
});
