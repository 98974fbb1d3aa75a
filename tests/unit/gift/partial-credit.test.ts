import { describe, expect, it } from "vitest";
import { giftToQuestions, questionsToGift, type ImportDefaults } from "@/lib/core/gift";
import { scoreResponse } from "@/lib/core/quiz";
import { questionSchema } from "@/lib/schemas/question";
import { weightedChoices } from "../../support/weighted-choices";

const defaults: ImportDefaults = {
  chapter: "big-picture",
  section: "tcp-ip-model",
  difficulty: "medium",
  tags: ["imported"],
  unit: "ms",
};

const one = (source: string) => {
  const r = giftToQuestions(source, defaults);
  expect(r.errors).toEqual([]);
  expect(r.questions).toHaveLength(1);
  return r.questions[0]!.question;
};

describe("GIFT short answer", () => {
  it("reads {=a =b}, {a =b} and {a} as accepted answers", () => {
    expect(one("Name the protocol that resolves names.{=DNS =Domain Name System}")).toMatchObject({
      type: "short_answer",
      answers: [
        { match: "text", value: "DNS", weight: 1 },
        { match: "text", value: "Domain Name System", weight: 1 },
      ],
    });
    expect(one("Name the protocol that resolves names.{DNS =%50%Domain Name System#close}")).toMatchObject({
      answers: [
        { match: "text", value: "DNS", weight: 1 },
        { match: "text", value: "Domain Name System", weight: 0.5, feedback: "close" },
      ],
    });
    expect(one("Port of HTTPS? {443}")).toMatchObject({ answers: [{ match: "text", value: "443", weight: 1 }] });
  });

  it("turns Moodle wildcards into anchored patterns", () => {
    const q = one("Which layer? {=transport =*transport layer*#wordy but right}");
    expect(q.type === "short_answer" && q.answers[1]).toEqual({
      match: "regex",
      value: ".*transport layer.*",
      weight: 1,
      feedback: "wordy but right",
    });
    expect(scoreResponse(q, { text: "the Transport Layer (4)" }).score).toBe(1);
  });
});

describe("GIFT partial credit", () => {
  it("keeps per-choice weights of a one-answer question, and scores them", () => {
    const q = one("Which is closest? {=TCP ~%50%SCTP#close ~%-25%UDP#no ~IP}");
    expect(q.type).toBe("single");
    if (q.type !== "single") return;
    expect(q.choices.map((c) => [c.text, c.correct, c.weight])).toEqual([
      ["TCP", true, 1],
      ["SCTP", false, 0.5],
      ["UDP", false, -0.25],
      ["IP", false, 0],
    ]);
    expect(scoreResponse(q, { choiceId: "b" }).score).toBe(0.5);
    expect(scoreResponse(q, { choiceId: "c" }).score).toBe(0);
  });

  it("reads a weight written after = as that weight, negative ones included", () => {
    const q = one("Which is a transport? {=%100%TCP =%-25%HTTP#no ~%0%DNS}");
    expect(q.type === "single" && q.choices.map((c) => [c.correct, c.weight])).toEqual([
      [true, 1],
      [false, -0.25],
      [false, 0],
    ]);
  });

  it("keeps numeric answers with several ranges and their credit", () => {
    const q = one("RTT to the far side, in ms? {#=%100%5:0.1 =%50%5:1#roughly}");
    expect(q).toMatchObject({
      type: "numeric",
      answer: 5,
      tolerance: { kind: "absolute", value: 0.1 },
      partialRanges: [{ answer: 5, tolerance: { kind: "absolute", value: 1 }, weight: 0.5, feedback: "roughly" }],
    });
    expect(scoreResponse(q, { value: 5.05 }).score).toBe(1);
    expect(scoreResponse(q, { value: 5.8 }).score).toBe(0.5);
    expect(scoreResponse(q, { value: 7 }).score).toBe(0);
  });

  it("round-trips short answers, weights, ranges, hints and scoring modes through our own export", () => {
    const base = {
      chapter: "big-picture",
      section: "tcp-ip-model",
      difficulty: "easy",
      tags: ["t"],
      prompt: "P?",
      explanation: "E.",
    } as const;
    const questions = [
      {
        ...base,
        id: "big-picture/sa",
        type: "short_answer",
        answers: [
          { match: "text", value: "a*b {x}", weight: 1 },
          { match: "regex", value: "colou?r #\\d+", weight: 0.5, feedback: "fb" },
        ],
        caseSensitive: true,
        whitespace: "ignore",
        feedbackWrong: "nope",
        hints: [{ text: "Think of paint.", cost: 0.25 }],
      },
      {
        ...base,
        id: "big-picture/wm",
        type: "multiple",
        choices: weightedChoices([
          [true, 0.33333],
          [true, 0.66667],
          [false, -0.5],
        ]),
      },
      {
        ...base,
        id: "big-picture/nr",
        type: "numeric",
        answer: 100,
        tolerance: { kind: "relative", value: 0.05 },
        unit: "ms",
        partialRanges: [{ answer: 800, tolerance: { kind: "relative", value: 0.1 }, weight: 0.5 }],
      },
      {
        ...base,
        id: "big-picture/or",
        type: "ordering",
        items: [
          { id: "a", text: "one" },
          { id: "b", text: "two" },
          { id: "c", text: "three" },
        ],
        scoring: "position",
      },
    ].map((q) => questionSchema.parse(q));
    const { text } = questionsToGift(questions);
    const back = giftToQuestions(text, defaults);
    expect(back.errors).toEqual([]);
    expect(back.questions.map((q) => q.question)).toEqual(questions);
  });
});
