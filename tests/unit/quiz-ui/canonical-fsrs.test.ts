import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/core/quiz/canonical";
import { newCardRow, scheduleReview as scheduleWithSteps, type CardRow } from "@/lib/core/quiz/fsrs";
import type { RatingName } from "@/lib/core/quiz";
import { canonicalHash } from "@/lib/server/quiz/canonical-hash";
import { reviewSettings } from "@/lib/server/quiz/review-settings";

// The defaults /review uses when the operator sets no REVIEW_* variables.
const scheduleReview = (row: CardRow, rating: RatingName, now: Date) => scheduleWithSteps(row, rating, now, reviewSettings({}));

describe("canonicalJson", () => {
  it("ignores key order at every depth but not array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(canonicalHash({ x: 1, y: [1, 2] })).toBe(canonicalHash({ y: [1, 2], x: 1 }));
    expect(canonicalHash({ y: [1, 2] })).not.toBe(canonicalHash({ y: [2, 1] }));
  });
  it("drops undefined fields like JSON does, so an omitted optional field hashes the same", () => {
    expect(canonicalHash({ a: 1, b: undefined })).toBe(canonicalHash({ a: 1 }));
    expect(canonicalHash({ a: "1" })).not.toBe(canonicalHash({ a: 1 }));
  });
});

describe("scheduleReview", () => {
  const now = new Date("2026-03-01T10:00:00Z");

  it("brings a forgotten card back within minutes and a known one later", () => {
    const again = scheduleReview(newCardRow(now), "Again", now);
    const good = scheduleReview(newCardRow(now), "Good", now);
    const easy = scheduleReview(newCardRow(now), "Easy", now);
    expect(again.card.due.getTime() - now.getTime()).toBeLessThanOrEqual(10 * 60_000);
    expect(good.card.due.getTime()).toBeGreaterThan(again.card.due.getTime());
    expect(easy.card.due.getTime() - now.getTime()).toBeGreaterThanOrEqual(24 * 3600_000);
    expect(again.card.reps).toBe(1);
    expect(again.log.rating).toBe(1);
    expect(easy.log.rating).toBe(4);
    expect(again.log.state).toBe(0);
  });

  it("grows the interval with each successful review and counts lapses", () => {
    let card = newCardRow(now);
    let at = now;
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = scheduleReview(card, "Good", at);
      gaps.push(next.card.due.getTime() - at.getTime());
      card = next.card;
      at = next.card.due;
    }
    expect(gaps[3]).toBeGreaterThan(gaps[2] as number);
    expect(card.reps).toBe(4);
    const lapse = scheduleReview(card, "Again", at);
    expect(lapse.card.lapses).toBe(1);
    expect(lapse.card.due.getTime() - at.getTime()).toBeLessThan(gaps[3] as number);
  });
});
