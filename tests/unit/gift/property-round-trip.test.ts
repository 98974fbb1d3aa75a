import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { giftToQuestions, moodleXmlToQuestions, questionsToGift, questionsToMoodleXml, type ImportDefaults } from "@/lib/core/gift";
import type { Question } from "@/lib/schemas/question";
import { jsonToQuestions } from "@/lib/core/gift/json-import";
import { arbitraryBank, BELL } from "./arbitraries";

// Deliberately unlike any generated value, so a field that fell back to a default shows up as a difference.
const defaults: ImportDefaults = { chapter: "caching", section: "cdn", difficulty: "hard", tags: ["zz-default"], unit: "zz-unit" };
const RUNS = { numRuns: 250 };

type Format = {
  name: string;
  /** The questions this format must report as skipped rather than write. */
  cannotHold: (q: Question) => boolean;
  write: (qs: Question[]) => { text: string; skipped: string[] }; read: (text: string) => ReturnType<typeof giftToQuestions> };

const formats: Format[] = [
  { name: "json", cannotHold: () => false, write: (qs) => ({ text: JSON.stringify(qs, null, 2), skipped: [] }), read: jsonToQuestions },
    {
    name: "gift",
    cannotHold: (q) => q.type === "estimate",
    write: (qs) => {
      const out = questionsToGift(qs);
      return { text: out.text, skipped: out.skipped.map((s) => s.id) };
    },
    read: (t) => giftToQuestions(t, defaults),
  },
  {
    name: "xml",
    cannotHold: (q) => q.type === "estimate" || q.prompt.includes(BELL),
    write: (qs) => {
      const out = questionsToMoodleXml(qs);
      return { text: out.text, skipped: out.skipped.map((s) => s.id) };
    },
    read: (t) => moodleXmlToQuestions(t, defaults),
  },
];

describe.each(formats)("export → import round trip: $name", ({ write, read, cannotHold }) => {
  it("gives back every question exactly; what the format cannot hold is reported as skipped", () => {
    fc.assert(
      fc.property(arbitraryBank, (bank) => {
        const { text, skipped } = write(bank);
        const back = read(text);
        expect(back.errors).toEqual([]);
        expect(skipped).toEqual(bank.filter(cannotHold).map((q) => q.id));
        const kept = bank.filter((q) => !cannotHold(q));
        expect(back.questions.map((q) => q.question)).toEqual(kept);
        // Every question is either back or named as skipped: nothing disappears silently.
        expect(kept.length + skipped.length).toBe(bank.length);
      }),
      RUNS,
    );
  });
});
