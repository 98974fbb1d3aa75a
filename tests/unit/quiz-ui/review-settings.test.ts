import { describe, expect, it } from "vitest";
import { reviewSettings } from "@/lib/server/quiz/review-settings";

describe("review settings", () => {
  it("defaults to Anki's: learning 1m 10m, relearning 10m, 20 new cards a day", () => {
    expect(reviewSettings({})).toEqual({ learningSteps: ["1m", "10m"], relearningSteps: ["10m"], newCardsPerDay: 20 });
  });

  it("reads the operator's steps and limit, and ignores malformed values", () => {
    expect(reviewSettings({ REVIEW_LEARNING_STEPS: "5m, 1h 1d", REVIEW_RELEARNING_STEPS: "", REVIEW_NEW_CARDS_PER_DAY: "0" })).toEqual({
      learningSteps: ["5m", "1h", "1d"],
      relearningSteps: [],
      newCardsPerDay: 0,
    });
    expect(reviewSettings({ REVIEW_LEARNING_STEPS: "soon", REVIEW_NEW_CARDS_PER_DAY: "-3" })).toMatchObject({ learningSteps: ["1m", "10m"], newCardsPerDay: 20 });
  });
});
