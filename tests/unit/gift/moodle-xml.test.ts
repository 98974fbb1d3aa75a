import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { htmlToMarkdown, moodleXmlToQuestions, questionsToMoodleXml, type ImportDefaults } from "@/lib/core/gift";
import type { Question } from "@/lib/schemas/question";

const fixture = readFileSync(new URL("./fixtures/moodle-sample.xml", import.meta.url), "utf8");
const defaults: ImportDefaults = { chapter: "dns", section: "ttl", difficulty: "easy", tags: ["imported"], unit: "units" };

describe("Moodle XML import (Moodle's own export shape)", () => {
  const result = moodleXmlToQuestions(fixture, defaults);
  const byTitle = (stem: string) => result.questions.find((q) => q.question.id === `caching/${stem}`)?.question;

  it("imports every mapped type at its line, in the chapter and section its category names", () => {
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.question.id, q.question.type])).toEqual([
      [14, "caching/edge-cache-hit", "single"],
      [65, "caching/cacheable-headers", "multiple"],
      [95, "caching/purge-is-instant", "true_false"],
      [120, "caching/hit-ratio", "numeric"],
      [161, "caching/header-meanings", "matching"],
      [199, "caching/miss-path", "ordering"],
      [227, "caching/header-name", "short_answer"],
    ]);
    for (const { question } of result.questions) expect(question.section).toBe("cdn");
  });

  it("reports essay, description and cloze as skipped with their line", () => {
    const skipped = result.warnings.filter((w) => w.message.startsWith("skipped"));
    expect(skipped).toEqual([
      { line: 250, message: "skipped: essay questions are not supported" },
      { line: 260, message: "skipped: description (text without an answer) questions are not supported" },
      { line: 270, message: "skipped: cloze (embedded answers) questions are not supported" },
    ]);
  });

  it("reads short answers with their fractions, feedback and case rule", () => {
    expect(byTitle("header-name")).toMatchObject({
      caseSensitive: true,
      answers: [
        { match: "text", value: "ETag", weight: 1, feedback: "Yes." },
        { match: "text", value: "If-None-Match", weight: 0.5, feedback: "That is the request header that sends it back." },
        { match: "text", value: "Last-Modified", weight: 0, feedback: "That is a date, not an opaque validator." },
      ],
    });
  });

  it("keeps general and per-answer feedback, converting Moodle HTML to Markdown", () => {
    expect(byTitle("edge-cache-hit")).toMatchObject({
      prompt: "Where is a **CDN** response served from on a cache hit?",
      explanation: "A hit is answered by the edge & never reaches the origin.",
      tags: ["cdn-basics"],
      choices: [
        { id: "a", text: "The edge server nearest the user", correct: true, feedback: "Right: that is the point of an edge." },
        { id: "b", text: "The origin", correct: false, feedback: "Only a miss goes to the origin." },
        { id: "c", text: "The user's DNS resolver", correct: false, feedback: "A resolver returns addresses, not pages." },
      ],
    });
    expect(byTitle("purge-is-instant")).toMatchObject({
      answer: false,
      feedbackTrue: "No: edges receive the purge at different times.",
      feedbackFalse: "Right: propagation takes time.",
      explanation: "Purges propagate over seconds to minutes.",
    });
    const dropped = result.warnings.filter((w) => w.line === 14).map((w) => w.message);
    expect(dropped).toContain("the combined feedback (correct, partially correct, incorrect) was dropped; general and per-answer feedback are kept");
  });

  it("reads fraction weights: ±50 % is a multiple-response question with two right answers", () => {
    const q = byTitle("cacheable-headers");
    expect(q?.type === "multiple" && q.choices.map((c) => [c.correct, c.weight])).toEqual([
      [true, 0.5],
      [true, 0.5],
      [false, -0.5],
      [false, -0.5],
    ]);
    // An image cannot come along; the warning says so at the question's line.
    expect(result.warnings).toContainEqual({ line: 65, message: expect.stringContaining("images, links, tables") });
  });

  it("reads numerical answers with tolerance, unit and the wrong answer's feedback", () => {
    expect(byTitle("hit-ratio")).toMatchObject({
      answer: 90,
      tolerance: { kind: "absolute", value: 0.5 },
      unit: "%",
      feedbackLow: "That is a fraction; the question asks for percent.",
      // Moodle's penalty per try is what showing the next hint costs.
      hints: [{ text: "Divide the hits by all requests.", cost: 0.25 }],
    });
  });

  it("reads matching with a distractor and ordering by its positions", () => {
    expect(byTitle("header-meanings")).toMatchObject({
      pairs: [
        { left: "no-store", right: "never keep a copy" },
        { left: "no-cache", right: "keep, but revalidate before reuse" },
        { left: "immutable", right: "never revalidate while fresh" },
      ],
      distractors: ["compress the body"],
    });
    const ordering = byTitle("miss-path");
    expect(ordering?.type === "ordering" && ordering.items.map((i) => i.text)).toEqual([
      "The edge finds no fresh copy",
      "The edge fetches from the origin",
      "The edge stores the response",
    ]);
  });

  it("writes what it read and reads its own file back unchanged", () => {
    const questions = result.questions.map((q) => q.question);
    const { text, skipped } = questionsToMoodleXml(questions);
    expect(skipped).toEqual([]);
    expect(text).toContain('<question type="ordering">');
    expect(text).toContain('<answer fraction="-50" format="markdown">');
    expect(text).toContain("<usecase>1</usecase>");
    expect(text).toContain("<text>Divide the hits by all requests.</text>");
    const back = moodleXmlToQuestions(text, defaults);
    expect(back.errors).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.questions.map((q) => q.question)).toEqual(questions);
  });
});

describe("Moodle XML: hostile and broken input", () => {
  it("refuses a DOCTYPE (external entities, entity bombs) before parsing, naming the line", () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<quiz><question type="truefalse"><questiontext><text>&x;</text></questiontext></question></quiz>`;
    expect(moodleXmlToQuestions(xxe, defaults)).toEqual({
      questions: [],
      errors: [{ line: 2, message: "DOCTYPE and ENTITY declarations are not accepted in Moodle XML" }],
      warnings: [],
    });
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><quiz>&lol2;</quiz>`;
    expect(moodleXmlToQuestions(lol, defaults).errors).toHaveLength(1);
  });

  it("reports malformed XML with its line, and files over the size limit", () => {
    const broken = moodleXmlToQuestions("<quiz>\n<question type=\"truefalse\">\n</quiz>", defaults);
    expect(broken.errors).toEqual([{ line: 3, message: expect.stringContaining("not well-formed XML") }]);
    expect(moodleXmlToQuestions("<notquiz/>", defaults).errors[0]?.message).toContain("<quiz>");
    expect(moodleXmlToQuestions(`<quiz>${" ".repeat(1_000_001)}</quiz>`, defaults).errors[0]?.message).toContain("larger than");
    const deep = `<quiz>${"<a>".repeat(5000)}${"</a>".repeat(5000)}</quiz>`;
    expect(moodleXmlToQuestions(deep, defaults).errors).toHaveLength(1);
  });

  it("names a numerical answer that is not a number", () => {
    const xml = `<quiz>\n<question type="numerical"><name><text>n</text></name><questiontext><text>How many?</text></questiontext>\n<answer fraction="100"><text>ten</text><tolerance>0</tolerance></answer></question></quiz>`;
    expect(moodleXmlToQuestions(xml, defaults).errors).toContainEqual({ line: 3, message: 'numerical answer "ten" is not a number' });
  });

  it("skips, and reports, a question holding a character XML 1.0 cannot carry", () => {
    const q = moodleXmlToQuestions(fixture, defaults).questions[0]?.question as Question;
    const bad = { ...q, prompt: "bell \u0007 character" } as Question;
    const out = questionsToMoodleXml([bad, q]);
    expect(out.skipped).toEqual([{ id: q.id, message: expect.stringContaining("XML 1.0") }]);
    expect(moodleXmlToQuestions(out.text, defaults).questions).toHaveLength(1);
  });

  it("converts HTML conservatively", () => {
    expect(htmlToMarkdown("<p>a <em>b</em></p><ul><li>x</li><li>y</li></ul><script>alert(1)</script>")).toEqual({
      text: "a *b*\n\n- x\n- y",
      lossy: true,
    });
    expect(htmlToMarkdown("plain 2 < 3")).toEqual({ text: "plain 2 < 3", lossy: false });
  });
});
