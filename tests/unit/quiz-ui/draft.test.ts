import { describe, expect, it } from "vitest";
import type { Question } from "@/lib/schemas/question";
import { type Draft, blankReason, describeAccepted, describeMark, describeTolerance, formatPercent, draftFromResponse, draftToResponse, initialDraft, isAnswered, moveItem, parseNumber, setMatch, uuid4 } from "@/components/quiz/draft";
import { toPublicQuestion, validateResponse } from "@/lib/core/quiz";
import { matching, multiple, numericAbs as numeric, ordering, single, trueFalse } from "../quiz/fixtures";

describe("parseNumber", () => {
  it("reads what people type", () => {
    expect(parseNumber("42")).toBe(42);
    expect(parseNumber(" -0.5 ")).toBe(-0.5);
    expect(parseNumber("1,500")).toBe(1500);
    expect(parseNumber("1 500")).toBe(1500);
    expect(parseNumber(".25")).toBe(0.25);
    expect(parseNumber("1.5e3")).toBe(1500);
  });
  it("refuses anything that is not a finite number", () => {
    for (const bad of ["", "  ", "abc", "12ms", "1..2", "NaN", "Infinity", "0x10", "1e999", "--1"]) expect(parseNumber(bad), bad).toBeNull();
  });
});

describe("drafts become responses the server accepts", () => {
  it("starts unanswered and explains what is missing", () => {
    expect(draftToResponse(initialDraft(toPublicQuestion(single, 1)))).toEqual({ ok: false, message: "Choose an answer." });
    expect(draftToResponse(initialDraft(toPublicQuestion(trueFalse, 1)))).toEqual({ ok: false, message: "Choose true or false." });
    expect(draftToResponse({ type: "numeric", text: "" })).toEqual({ ok: false, message: "Enter a number." });
    expect(draftToResponse({ type: "numeric", text: "ten" })).toEqual({ ok: false, message: '"ten" is not a number.' });
  });

  it("produces valid responses for every type", () => {
    const cases: [Question, Draft][] = [
      [single, { type: "single", choiceId: "a" }],
      [multiple, { type: "multiple", choiceIds: [] }],
      [trueFalse, { type: "true_false", value: false }],
      [numeric, { type: "numeric", text: "1,000" }],
    ];
    for (const [q, draft] of cases) {
      const r = draftToResponse(draft);
      expect(r.ok).toBe(true);
      if (r.ok) expect(validateResponse(q, r.response).ok, q.type).toBe(true);
    }
    for (const q of [ordering, matching]) {
      const r = draftToResponse(initialDraft(toPublicQuestion(q, 7)));
      expect(r.ok).toBe(true);
      if (r.ok) expect(validateResponse(q, r.response).ok, q.type).toBe(true);
    }
  });

  it("counts a question as answered only once touched; an ordering never moved is not answered", () => {
    expect(isAnswered(initialDraft(toPublicQuestion(multiple, 1)))).toBe(false);
    expect(isAnswered({ type: "multiple", choiceIds: ["a"] })).toBe(true);
    const order = initialDraft(toPublicQuestion(ordering, 1));
    expect(isAnswered(order)).toBe(false);
    if (order.type !== "ordering") throw new Error("type");
    expect(isAnswered({ ...order, order: moveItem(order.order, 0, 1), touched: true })).toBe(true);
    expect(isAnswered(initialDraft(toPublicQuestion(matching, 1)))).toBe(false);
  });

  it("flags blank multiple-choice, unmoved ordering and unmatched items before submission", () => {
    expect(blankReason(initialDraft(toPublicQuestion(multiple, 1)))).toBe("no option is ticked");
    expect(blankReason(initialDraft(toPublicQuestion(ordering, 1)))).toBe("the items have not been put in order");
    expect(blankReason({ type: "matching", matches: {} }, 4)).toBe("nothing is matched");
    expect(blankReason({ type: "matching", matches: { a: "m1", b: "m2", c: "m3" } }, 4)).toBe("1 item is not matched");
    expect(blankReason({ type: "matching", matches: { a: "m1", b: "m2", c: "m3", d: "m4" } }, 4)).toBeNull();
    expect(blankReason(initialDraft(toPublicQuestion(single, 1)))).toBe("it has no answer");
    expect(blankReason({ type: "single", choiceId: "a" })).toBeNull();
  });

  it("restores a committed response as a draft (after a reload)", () => {
    const pub = toPublicQuestion(ordering, 3);
    if (pub.type !== "ordering") throw new Error("type");
    const order = [...pub.items.map((i) => i.id)].reverse();
    expect(draftFromResponse(pub, { order })).toEqual({ type: "ordering", order, touched: true });
    expect(draftFromResponse(toPublicQuestion(single, 1), { choiceId: "b" })).toEqual({ type: "single", choiceId: "b" });
    expect(draftFromResponse(toPublicQuestion(single, 1), "junk")).toEqual({ type: "single", choiceId: null });
  });
});

describe("numeric feedback", () => {
  it("reads as one value when the tolerance is zero", () => {
    expect(describeAccepted(5001, 5001, "ms")).toBe("accepted: 5,001 ms");
    expect(describeAccepted(4990, 5010, "ms")).toBe("accepted from 4,990 to 5,010 ms");
  });
});

describe("moveItem", () => {
  it("moves up and down and ignores moves past either end", () => {
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});

describe("setMatch", () => {
  it("keeps each option on one item and clears with an empty choice", () => {
    let m = setMatch({}, "x", "o1");
    m = setMatch(m, "y", "o1");
    expect(m).toEqual({ y: "o1" });
    m = setMatch(m, "x", "o2");
    expect(m).toEqual({ y: "o1", x: "o2" });
    expect(setMatch(m, "x", "")).toEqual({ y: "o1" });
  });
});

describe("describeTolerance", () => {
  it("names the unit and the accepted slack", () => {
    expect(describeTolerance({ kind: "absolute", value: 5 }, "ms")).toBe("Answer in ms; anything within ±5 ms of the right value counts.");
    expect(describeTolerance({ kind: "relative", value: 0.1 }, "requests/s")).toContain("±10 %");
    expect(describeTolerance({ kind: "absolute", value: 0 }, "hops")).toBe("Exact answer expected, in hops.");
  });
});

describe("uuid4", () => {
  it("makes RFC 4122 version-4 ids", () => {
    const ids = new Set(Array.from({ length: 50 }, uuid4));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("marks and shares are shown with their unit", () => {
  it("formats shares of a mark as percentages with a real minus sign, and marks out of 1", () => {
    expect(formatPercent(0.25)).toBe("25 %");
    expect(formatPercent(-0.25)).toBe("−25 %");
    expect(formatPercent(1 / 3)).toBe("33.333333 %");
    expect(describeMark(0.5)).toBe("0.5 of 1 mark");
    expect(describeMark(0.75)).toBe("0.75 of 1 mark");
    expect(describeMark(1 / 3)).toBe("0.333 of 1 mark");
  });

  it("a short answer needs some text before it is an answer", () => {
    expect(draftToResponse({ type: "short_answer", text: "  " })).toEqual({ ok: false, message: "Type an answer." });
    expect(draftToResponse({ type: "short_answer", text: " DNS " })).toEqual({ ok: true, response: { text: " DNS " } });
  });
});
