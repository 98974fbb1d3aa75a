import { describe, expect, it } from "vitest";
import { jsonToQuestions, topLevelElementLines } from "@/lib/core/gift/json-import";

const question = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "true_false",
  chapter: "dns",
  section: "ttl",
  difficulty: "easy",
  tags: ["dns"],
  prompt: "A TTL is counted in seconds.",
  explanation: "TTLs are whole seconds.",
  answer: true,
  feedbackTrue: "Yes.",
  feedbackFalse: "It is seconds.",
  ...extra,
});

describe("JSON import line numbers", () => {
  it("finds where each top-level element starts, ignoring brackets inside strings", () => {
    const text = '[\n  {"a": "[{,"},\n\n  {"b": [1, 2]},\n  3\n]';
    expect(topLevelElementLines(text)).toEqual([2, 4, 5]);
  });

  it("reads a valid file", () => {
    const text = JSON.stringify([question("dns/one"), question("dns/two")], null, 2);
    const result = jsonToQuestions(text);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.question.id])).toEqual([
      [2, "dns/one"],
      [17, "dns/two"],
    ]);
  });

  it("names the element, field and line of a schema problem, and a repeated id", () => {
    const text = JSON.stringify([question("dns/one"), question("dns/one"), question("dns/three", { section: "nope" })], null, 2);
    const { errors, questions } = jsonToQuestions(text);
    expect(questions).toHaveLength(1);
    expect(errors).toEqual([
      { line: 17, message: 'question id "dns/one" already appears on line 2' },
      { line: 32, message: expect.stringMatching(/^question 3: section: section "nope" is not a required section of dns/) },
    ]);
  });

  it("reports a syntax error on the line where parsing stopped, and a non-array on line 1", () => {
    expect(jsonToQuestions('[\n  {"id": "x",\n  "type": }\n]').errors[0]?.line).toBe(3);
    expect(jsonToQuestions('[\n  {"id": "x",\n  "type": "single",\n  }\n]').errors[0]?.line).toBe(4);
    expect(jsonToQuestions('[\n  {"id": "x"\n  "type": "single"}\n]').errors[0]?.line).toBe(3);
    expect(jsonToQuestions('[\n  {"id": "x"}').errors[0]?.message).toMatch(/at the end of the file/);
    expect(jsonToQuestions('{"id": "x"}').errors).toEqual([{ line: 1, message: "the file must be a JSON array of questions ([ {…}, {…} ])" }]);
  });
});
