import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { escapeGift, giftToQuestions, questionsToGift, unescapeGift, type ImportDefaults } from "@/lib/core/gift";
import { questionFileSchema, type Question } from "@/lib/schemas/question";

const dir = new URL("../../../content/questions/", import.meta.url);
const everything: Question[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => questionFileSchema.parse(JSON.parse(readFileSync(new URL(f, dir), "utf8"))));
// GIFT has no generated (calculated) questions: questionsToGift leaves estimates out with a warning (tested below).
const bank = everything.filter((q) => q.type !== "estimate");

// Deliberately different from every bank question, so a field that silently fell back to a default fails.
const defaults: ImportDefaults = { chapter: "caching", section: "cdn", difficulty: "hard", tags: ["other"], unit: "zz" };

describe("GIFT round trip", () => {
  it("the whole question bank survives export and import unchanged", () => {
    expect(bank.length).toBeGreaterThan(100);
    const { text, warnings } = questionsToGift(bank);
    const back = giftToQuestions(text, defaults);
    expect(back.errors).toEqual([]);
    expect(back.questions.map((q) => q.question)).toEqual(bank);
    const orderings = bank.filter((q) => q.type === "ordering").length;
    expect(warnings).toHaveLength(orderings);
  });

  it("leaves generated estimate questions out, one warning each", () => {
    const estimates = everything.filter((q) => q.type === "estimate");
    expect(estimates.length).toBeGreaterThan(0);
    const { text, warnings } = questionsToGift(estimates);
    expect(text.trim()).not.toMatch(/::/);
    expect(warnings.map((w) => w.id)).toEqual(estimates.map((q) => q.id));
  });

  it("without the @roundtrip comments a Moodle reader still gets each expressible question", () => {
    // A 7-step ordering becomes a 7-pair matching, one more pair than a matching question may have.
    const expressible = bank.filter((q) => q.type !== "ordering" || q.items.length <= 6);
    const { text } = questionsToGift(expressible);
    const plain = text
      .split("\n")
      .filter((l) => !l.startsWith("// @roundtrip"))
      .join("\n");
    const back = giftToQuestions(plain, defaults);
    expect(back.errors).toEqual([]);
    expect(back.questions).toHaveLength(expressible.length);
    for (const [i, { question }] of back.questions.entries()) {
      const original = expressible[i] as Question;
      expect(question.prompt).toBe(original.prompt);
      expect(question.explanation).toBe(original.explanation);
      // Ordering has no GIFT type and comes back as the documented matching approximation.
      expect(question.type).toBe(original.type === "ordering" ? "matching" : original.type);
      if (original.type === "single" || original.type === "multiple") {
        expect(question).toMatchObject({ choices: original.choices.map(({ text, correct, feedback }) => ({ text, correct, feedback })) });
      }
      if (original.type === "numeric" && question.type === "numeric") {
        expect(question.answer).toBeCloseTo(original.answer, 9);
      }
    }
  });

  it("writes the GIFT syntax Moodle expects", () => {
    const [q] = questionFileSchema.parse([
      {
        id: "dns/ttl-guess",
        type: "numeric",
        chapter: "dns",
        section: "ttl",
        difficulty: "easy",
        tags: ["dns"],
        prompt: "A TTL of {300} means: how many seconds?",
        explanation: "Seconds: 300 = five minutes.",
        answer: 300,
        tolerance: { kind: "absolute", value: 0.5 },
        unit: "s",
      },
    ]);
    const { text } = questionsToGift([q as Question]);
    expect(text).toContain("$CATEGORY: $course$/roundtrip/dns\n");
    expect(text).toContain("::ttl-guess::[markdown]A TTL of \\{300\\} means\\: how many seconds?{#300:0.5####Seconds\\: 300 \\= five minutes.}");
  });

  it("escapes and unescapes every special character and newlines", () => {
    const nasty = "a ~ b = c # d { e } f : g \\ h\n\nnext paragraph";
    expect(escapeGift(nasty)).not.toContain("\n");
    expect(unescapeGift(escapeGift(nasty))).toBe(nasty);
  });
});
