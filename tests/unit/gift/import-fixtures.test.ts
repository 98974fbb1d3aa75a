import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { giftToQuestions, parseGift, type ImportDefaults } from "@/lib/core/gift";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

const defaults: ImportDefaults = {
  chapter: "big-picture",
  section: "tcp-ip-model",
  difficulty: "medium",
  tags: ["imported"],
  unit: "bits",
};

describe("a file shaped like Moodle's questions.gift.txt", () => {
  const source = fixture("moodle-style.gift");

  it("recognises every question kind the Moodle sample contains", () => {
    const { items, problems } = parseGift(source);
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.title, i.body.kind, i.line])).toEqual([
      ["Essay", "essay", 5],
      ["Protocol jobs", "matching", 8],
      ["Q2", "choice", 17],
      ["transports", "choice", 25],
      ["Q5", "numeric", 34],
      ["Shortanswer", "short", 37],
      ["Q1", "true_false", 44],
      ["2-08 TSL", "true_false", 49],
      ["2-08 TSL", "true_false", 52],
    ]);
  });

  it("keeps per-answer formats, feedback and weights apart from the text", () => {
    const { items } = parseGift(source);
    const match = items[1]?.body;
    expect(items[1]?.format).toBe("html");
    expect(items[1]?.text).toBe("Match the <b>protocol</b> to its job.");
    expect(match).toEqual({
      kind: "matching",
      pairs: [
        { left: "Turns a name into an address.", right: "DNS", line: 9 },
        { left: "Carries an ordered, reliable byte stream.", right: "TCP", line: 10 },
        { left: "Encrypts and authenticates a connection.", right: "TLS", line: 11 },
        { left: "Hands out addresses on a local network.", right: "DHCP", line: 12 },
        { left: "", right: "ICMP", line: 13 },
      ],
    });
    const multi = items[3]?.body;
    expect(multi?.kind).toBe("choice");
    if (multi?.kind !== "choice") return;
    expect(multi.answers.map((a) => [a.weight, a.text, a.feedback])).toEqual([
      [50, "TCP", "right; good!"],
      [-100, "HTTP", "no, it needs a transport below it"],
      [50, "UDP", "right; good!"],
      [-100, "DNS", "no, it rides on UDP or TCP"],
    ]);
  });

  it("imports what Roundtrip supports and skips the rest with a warning on the right line", () => {
    const result = giftToQuestions(source, defaults);
    expect(result.errors).toEqual([]);
    // Only the essay is skipped; the short-answer question now imports.
    expect(result.warnings.filter((w) => w.message.startsWith("skipped")).map((w) => w.line)).toEqual([5]);
    const byId = new Map(result.questions.map((q) => [q.question.id, q.question]));
    expect([...byId.keys()]).toEqual([
      "big-picture/protocol-jobs",
      "big-picture/q2",
      "big-picture/transports",
      "big-picture/q5",
      "big-picture/shortanswer",
      "big-picture/q1",
      "big-picture/2-08-tsl",
      "big-picture/2-08-tsl-2",
    ]);

    const matching = byId.get("big-picture/protocol-jobs");
    expect(matching?.type === "matching" && matching.distractors).toEqual(["ICMP"]);

    const single = byId.get("big-picture/q2");
    expect(single?.type).toBe("single");
    if (single?.type === "single") {
      expect(single.choices.map((c) => [c.text, c.correct, c.feedback])).toEqual([
        ["443", true, "right; well done!"],
        ["80", false, "no, that is plain HTTP"],
        ["22", false, "no, that is SSH"],
      ]);
    }

    const multiple = byId.get("big-picture/transports");
    expect(multiple?.type).toBe("multiple");
    if (multiple?.type === "multiple") {
      expect(multiple.choices.filter((c) => c.correct).map((c) => c.text)).toEqual(["TCP", "UDP"]);
      // Moodle's answer fractions are kept as weights, negative ones included.
      expect(multiple.choices.map((c) => c.weight)).toEqual([0.5, -1, 0.5, -1]);
    }

    // Short answer: several accepted answers with partial credit and feedback; the `*` catch-all is the
    // feedback for a wrong answer.
    expect(byId.get("big-picture/shortanswer")).toMatchObject({
      type: "short_answer",
      answers: [
        { match: "text", value: "DNS", weight: 1, feedback: "Good!" },
        { match: "text", value: "Domain Name System", weight: 0.5, feedback: "Spelled out, but fine." },
      ],
      feedbackWrong: "Completely wrong",
    });

    const numeric = byId.get("big-picture/q5");
    expect(numeric).toMatchObject({
      type: "numeric",
      answer: 32,
      tolerance: { kind: "absolute", value: 2 },
      unit: "bits",
      feedbackLow: "Completely wrong",
      feedbackHigh: "Completely wrong",
    });

    // Moodle's order is "#feedback when wrong#feedback when right"; the answer is FALSE.
    expect(byId.get("big-picture/q1")).toMatchObject({
      type: "true_false",
      answer: false,
      feedbackTrue: "UDP leaves loss to the application.",
      feedbackFalse: "You gave the right answer.",
      explanation: "Reliability over UDP is something QUIC adds itself.",
    });
    expect(byId.get("big-picture/2-08-tsl")).toMatchObject({ type: "true_false", answer: true });
  });
});

describe("a file shaped like Moodle's questions_in_category.gift.txt", () => {
  const source = fixture("in-category.gift");

  it("reads the $CATEGORY path into chapter and section, and unescapes \\= and \\:", () => {
    const result = giftToQuestions(source, defaults);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.question.id, q.question.chapter, q.question.section, q.line])).toEqual([
      ["tcp-connections/handshake-steps", "tcp-connections", "three-way-handshake", 5],
      ["tcp-connections/link", "tcp-connections", "three-way-handshake", 13],
      ["tcp-connections/one-word", "tcp-connections", "three-way-handshake", 21],
      ["tcp-connections/acronym", "tcp-connections", "three-way-handshake", 26],
    ]);
    const link = result.questions[1]?.question;
    expect(link?.prompt).toBe(
      '<a href="https://example.test/rfc9293">Read the RFC:</a><br />Which segment opens a connection?',
    );
    // The one-answer short-answer question imports; an empty `#` adds no feedback.
    expect(result.questions[2]?.question).toMatchObject({
      type: "short_answer",
      answers: [{ match: "text", value: "client", weight: 1 }],
    });
  });
});
