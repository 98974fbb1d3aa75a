import { describe, expect, it } from "vitest";
import { giftToQuestions, type ImportDefaults } from "@/lib/core/gift";

const defaults: ImportDefaults = {
  chapter: "dns",
  section: "record-types",
  difficulty: "easy",
  tags: ["dns"],
  unit: "s",
};

const lines = (...l: string[]) => l.join("\n");

describe("GIFT problems are reported with their line numbers", () => {
  it("an answer block that is never closed", () => {
    const src = lines("// first", "::ok::Pick one {=a ~b ~c}", "", "::broken::Pick one {", "=a", "~b");
    const { errors } = giftToQuestions(src, defaults);
    expect(errors).toEqual([{ line: 4, message: "the answer block opened with { is not closed with }" }]);
  });

  it("a numeric tolerance below zero", () => {
    const { errors, questions } = giftToQuestions(lines("", "", "::ttl::Default TTL? {#300:-5}"), defaults);
    expect(questions).toEqual([]);
    expect(errors).toEqual([{ line: 3, message: "numeric tolerance -5 is below zero" }]);
  });

  it("a numeric value that is not a number, on the answer's own line", () => {
    const { errors } = giftToQuestions(lines("::n::How many?{#", "=12:1", "=%50%twelve:2", "}"), defaults);
    expect(errors).toEqual([{ line: 3, message: 'numeric answer "twelve:2" is not a number' }]);
  });

  it("a choice question without a correct answer", () => {
    const { errors } = giftToQuestions(lines("::none::Which?{", "~a#no", "~b#no", "~c#no", "}"), defaults);
    expect(errors).toEqual([{ line: 1, message: "choices: single-choice needs exactly one correct choice, found 0" }]);
  });

  it("duplicate choices", () => {
    const { errors } = giftToQuestions(lines("", "::dup::Which?{", "=A record", "~CNAME", "~A record", "}"), defaults);
    expect(errors).toEqual([{ line: 2, message: 'choices: duplicate choice text "A record"' }]);
  });

  it("too few choices point at the question, a broken metadata comment at its own line", () => {
    const src = lines("::two::Which?{=a ~b}", "", "// @roundtrip {not json", "::t::Sky is blue{T}");
    const { errors } = giftToQuestions(src, defaults);
    expect(errors.map((e) => e.line)).toEqual([1, 3]);
    expect(errors[0]?.message).toMatch(/^choices: /);
    expect(errors[1]?.message).toBe("the @roundtrip comment is not valid JSON");
  });

  it("text before the first answer marker", () => {
    const { errors } = giftToQuestions(lines("::x::Which?{", "  oops =a ~b ~c", "}"), defaults);
    expect(errors).toEqual([
      { line: 2, message: 'unexpected text "oops" in the answer block: each answer starts with = or ~' },
    ]);
  });

  it("a range written backwards", () => {
    const { errors } = giftToQuestions("::r::Pick {#5..1}", defaults);
    expect(errors).toEqual([{ line: 1, message: 'numeric range "5..1" has its minimum above its maximum' }]);
  });

  it("reports every problem in the file, not only the first", () => {
    const src = lines("::a::A{#1:-1}", "", "::b::B{", "~x", "~y", "~z", "}", "", "::c::C{=p -> q ~r}");
    const { errors } = giftToQuestions(src, defaults);
    expect(errors.map((e) => e.line)).toEqual([1, 3, 9]);
  });
});
