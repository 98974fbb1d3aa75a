import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scoreResponse, toPublicQuestion } from "@/lib/quiz";
import {
  chapterSections,
  chapterSlugs,
  publicQuestionSchema,
  questionFileSchema,
  type Question,
} from "@/lib/schemas/question";
import { correctResponse } from "./correct-response";

// Loads the whole bank from disk, as the seed script does, and holds it to docs/content-format.md.
const dir = join(process.cwd(), "content", "questions");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

const parsed = files.map((file) => {
  const result = questionFileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), "utf8")));
  return { file, result };
});
const bank: Question[] = parsed.flatMap(({ result }) => (result.success ? result.data : []));

describe("question bank files", () => {
  it.each(files)("%s parses against the schema", (file) => {
    const entry = parsed.find((p) => p.file === file);
    const problems = entry?.result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(problems).toEqual([]);
  });

  it.each(files)("%s holds only questions of its own chapter", (file) => {
    const entry = parsed.find((p) => p.file === file);
    const chapters = new Set(entry?.result.success ? entry.result.data.map((q) => q.chapter) : []);
    expect([...chapters]).toEqual([file.replace(/\.json$/, "")]);
  });

  it("ids are unique across files", () => {
    const ids = bank.map((q) => q.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("every chapter/section pair is one of the required ids", () => {
    const bad = bank
      .filter((q) => !(chapterSections[q.chapter] as readonly string[]).includes(q.section))
      .map((q) => q.id);
    expect(bad).toEqual([]);
  });

  it("every question has an explanation and feedback for every answer", () => {
    const missing = bank.filter((q) => {
      if (q.explanation.trim() === "") return true;
      if (q.type === "single" || q.type === "multiple") return q.choices.some((c) => c.feedback.trim() === "");
      if (q.type === "true_false") return q.feedbackTrue.trim() === "" || q.feedbackFalse.trim() === "";
      return false;
    });
    expect(missing.map((q) => q.id)).toEqual([]);
  });
});

describe("question bank size", () => {
  it.each(chapterSlugs)("%s has at least 8 questions", (slug) => {
    expect(bank.filter((q) => q.chapter === slug).length).toBeGreaterThanOrEqual(8);
  });

  it("holds at least 140 questions", () => {
    expect(bank.length).toBeGreaterThanOrEqual(140);
  });
});

describe("every question in the bank", () => {
  it("scores 1 for its own right answer", () => {
    const notFull = bank.filter((q) => scoreResponse(q, correctResponse(q)).score !== 1).map((q) => q.id);
    expect(notFull).toEqual([]);
  });

  it("never reveals answers or feedback in its public form", () => {
    for (const q of bank) {
      const pub = toPublicQuestion(q, `seed-${q.id}`);
      expect(publicQuestionSchema.safeParse(pub).success, q.id).toBe(true);
      const json = JSON.stringify(pub);
      expect(json, q.id).not.toMatch(/"(correct|answer|feedback\w*|explanation|distractors|pairs|right)"\s*:/);
      expect(json, q.id).not.toContain(JSON.stringify(q.explanation).slice(1, -1));
      const secrets =
        q.type === "single" || q.type === "multiple"
          ? q.choices.map((c) => c.feedback)
          : q.type === "true_false"
            ? [q.feedbackTrue, q.feedbackFalse]
            : q.type === "numeric"
              ? [q.feedbackLow, q.feedbackHigh].filter((s): s is string => s !== undefined)
              : [];
      for (const s of secrets) expect(json, q.id).not.toContain(JSON.stringify(s).slice(1, -1));
      if (q.type === "ordering") {
        const pub = toPublicQuestion(q, 1);
        if (pub.type !== "ordering") throw new Error("type");
        expect(
          pub.items.map((i) => i.text),
          q.id,
        ).not.toEqual(q.items.map((i) => i.text));
        expect(
          pub.items.some((i) => q.items.some((item) => item.id === i.id)),
          q.id,
        ).toBe(false);
      }
    }
  });
});
