import { describe, expect, it } from "vitest";
import { carriedStages, drillRating, dueInWords, stageScores, worstStage, type StageRow } from "@/lib/server/designs/drills-core";

const row = (stage: string, score: number, maxScore: number, passed: boolean, round = ""): StageRow => ({ stage, round, score, maxScore, passed });

describe("stage scores and the worst stage", () => {
  it("takes each stage's last submission, averages the follow-up rounds and counts unanswered ones as 0", () => {
    const rows = [row("requirements", 5, 6, true), row("estimates", 2, 5, false), row("estimates", 4, 5, true), row("design", 70, 100, true), row("followup", 40, 100, false, "a"), row("followup", 90, 100, true, "a")];
    const s = stageScores(rows, ["a", "b"]);
    expect(s.estimates).toEqual({ ratio: 0.8, passed: true });
    expect(s.followup.ratio).toBeCloseTo(0.45);
    expect(s.followup.passed).toBe(false);
    expect(worstStage(s)).toBe("followup");
  });

  it("ranks a failed stage below a passed one with fewer points, and breaks ties on the earlier stage", () => {
    const s = stageScores([row("requirements", 4, 6, true), row("estimates", 4, 5, false), row("design", 70, 100, true)], []);
    expect(worstStage(s)).toBe("estimates");
    expect(worstStage(stageScores([], ["a"]))).toBe("requirements");
    expect(carriedStages("design")).toEqual(["requirements", "estimates"]);
  });

  it("counts a stage under 60 % as failed even when its own rule passed it (a 12 % design is weaker than 52 % follow-ups)", () => {
    const rows = [row("requirements", 6, 6, true), row("estimates", 5, 5, true), row("design", 12, 100, true), row("followup", 52, 100, false, "a")];
    expect(worstStage(stageScores(rows, ["a"]))).toBe("design");
    expect(carriedStages("requirements")).toEqual([]);
  });
});

describe("the rating a re-attempted stage earns", () => {
  it("follows the letter bands and caps a failed stage at Hard", () => {
    expect(drillRating({ ratio: 0.59, passed: true })).toBe("Again");
    expect(drillRating({ ratio: 0.95, passed: false })).toBe("Hard");
    expect(drillRating({ ratio: 0.7, passed: true })).toBe("Hard");
    expect(drillRating({ ratio: 0.85, passed: true })).toBe("Good");
    expect(drillRating({ ratio: 0.9, passed: true })).toBe("Easy");
  });
});

describe("due in words", () => {
  const now = new Date("2026-03-10T22:30:00Z");
  it("counts local days in the candidate's zone", () => {
    expect(dueInWords(new Date("2026-03-10T23:00:00Z"), now, "UTC")).toBe("due today");
    // 23:00 UTC on the 10th is already the 11th in Berlin, where it is 23:30 on the 10th now.
    expect(dueInWords(new Date("2026-03-10T23:05:00Z"), now, "Europe/Berlin")).toBe("due tomorrow");
    expect(dueInWords(new Date("2026-03-14T09:00:00Z"), now, "UTC")).toBe("due in 4 days");
    expect(dueInWords(new Date("2026-04-07T09:00:00Z"), now, "UTC")).toBe("due in 4 weeks");
    expect(dueInWords(new Date("2026-03-10T20:00:00Z"), now, "UTC")).toBe("due now");
    expect(dueInWords(new Date("2026-03-08T20:00:00Z"), now, "UTC")).toBe("overdue by 2 days");
  });
});
