// fast-check arbitraries for every question type, following the shape of lib/schemas/question.ts: each value is
// built field by field and then parsed by questionSchema, so only valid questions (as stored) come out.
import fc from "fast-check";
import { chapterSections, chapterSlugs, difficulties, questionSchema, type ChapterSlug, type Question } from "@/lib/schemas/question";

// Syntax of every format we write: GIFT's ~=#{}:\ and ->, %weights%, XML's <>&"', JSON's quotes, CDATA's end,
// Markdown, non-ASCII and newlines.
const CHARS = [..."abcXYZ019 ~=#{}:\\-><%&\"'[]*_`é中😀\n\t.,?/@$"];
const text = fc
  .string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 24 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

const kebab = fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 3 }).map((p) => p.join("-"));
const localIds = (n: number) => fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,5}$/), { minLength: n, maxLength: n });
const uniqueTexts = (min: number, max: number) => fc.uniqueArray(text, { minLength: min, maxLength: max });
/** Finite, without −0 (JSON itself cannot keep it), within a range where answer × tolerance stays finite. */
const number = fc.double({ min: -1e15, max: 1e15, noNaN: true }).map((n) => (n === 0 ? 0 : n));

/**
 * A weight on Moodle's grid: Moodle stores answer fractions with 7 decimals, so finer weights cannot be exchanged
 * with it (and GIFT and XML write them as percentages with 5 decimals).
 */
const grid = (min: number, max: number) => fc.integer({ min: Math.round(min * 1e7), max: Math.round(max * 1e7) }).map((n) => n / 1e7);
/** Integers adding up to `total`, `k` of them, each at least 1. */
const split = (k: number, total: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: total - 1 }), { minLength: k - 1, maxLength: k - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), total];
    return points.slice(1).map((p, i) => p - (points[i] as number));
  });

const hints = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.tuple(fc.array(text, { minLength: n, maxLength: n }), split(n + 1, 10_000_000)).map(([texts, parts]) =>
    texts.map((t, i) => ({ text: t, cost: (parts[i] as number) / 1e7 })),
  ),
);

const base = fc.constantFrom(...chapterSlugs).chain((chapter: ChapterSlug) =>
  fc.record({
    id: kebab.map((k) => `${chapter}/${k}`),
    chapter: fc.constant(chapter),
    section: fc.constantFrom(...chapterSections[chapter]),
    difficulty: fc.constantFrom(...difficulties),
    tags: fc.uniqueArray(kebab, { minLength: 1, maxLength: 6 }),
    prompt: text,
    explanation: text,
    hints: fc.option(hints, { nil: undefined }),
  }),
).map(({ hints: h, ...rest }) => (h ? { ...rest, hints: h } : rest));

const tolerance = fc.record({ kind: fc.constantFrom("absolute", "relative"), value: fc.double({ min: 0, max: 1e6, noNaN: true }) });

const choices = (min: number) =>
  fc.integer({ min, max: 6 }).chain((n) =>
    fc.tuple(localIds(n), uniqueTexts(n, n), fc.array(text, { minLength: n, maxLength: n }), fc.array(fc.boolean(), { minLength: n, maxLength: n })),
  );

const bodies = {
  single: choices(3).chain(([ids, texts, feedback]) =>
    fc
      .tuple(fc.nat({ max: ids.length - 1 }), fc.option(fc.array(grid(-1, 0.9999999), { minLength: ids.length, maxLength: ids.length }), { nil: undefined }))
      .map(([right, weights]) => ({
        type: "single",
        choices: ids.map((id, i) => ({
          id,
          text: texts[i],
          correct: i === right,
          feedback: feedback[i],
          ...(weights ? { weight: i === right ? 1 : weights[i] } : {}),
        })),
      })),
  ),
  multiple: choices(3).chain(([ids, texts, feedback, flags]) => {
    const correct = flags.map((f, i) => f || i === 0);
    const k = correct.filter(Boolean).length;
    const weights = fc.tuple(split(k, 10_000_000), fc.array(grid(-1, 0), { minLength: ids.length, maxLength: ids.length })).map(([shares, wrong]) => {
      let next = 0;
      return correct.map((c, i) => (c ? (shares[next++] as number) / 1e7 : (wrong[i] as number)));
    });
    return fc.option(weights, { nil: undefined }).map((w) => ({
      type: "multiple",
      choices: ids.map((id, i) => ({ id, text: texts[i], correct: correct[i], feedback: feedback[i], ...(w ? { weight: w[i] } : {}) })),
    }));
  }),
  short_answer: fc
    .record(
      {
        type: fc.constant("short_answer"),
        answers: fc
          .tuple(
            text,
            fc.uniqueArray(
              fc.record(
                {
                  match: fc.constantFrom("text", "regex"),
                  value: fc.oneof(text, fc.constantFrom("colou?r", "[a-z]+", "TCP|UDP", "\\d+ ms", "a.*b")),
                  weight: grid(0, 1),
                  feedback: text,
                },
                { requiredKeys: ["match", "value", "weight"] },
              ),
              { maxLength: 3, selector: (a) => `${a.match}:${a.value}` },
            ),
          )
          .map(([first, rest]) => [{ match: "text", value: first, weight: 1 }, ...rest]),
        caseSensitive: fc.boolean(),
        whitespace: fc.constantFrom("collapse", "ignore", "exact"),
        feedbackWrong: text,
      },
      { requiredKeys: ["type", "answers"] },
    ),
  true_false: fc.record({ type: fc.constant("true_false"), answer: fc.boolean(), feedbackTrue: text, feedbackFalse: text }),
  numeric: fc.record(
    {
      type: fc.constant("numeric"),
      answer: number,
      tolerance,
      unit: text,
      feedbackLow: text,
      feedbackHigh: text,
      partialRanges: fc.array(
        fc.record({ answer: number, tolerance, weight: grid(0.0000001, 1), feedback: text }, { requiredKeys: ["answer", "tolerance", "weight"] }),
        { minLength: 1, maxLength: 5 },
      ),
    },
    { requiredKeys: ["type", "answer", "tolerance", "unit"] },
  ),
  ordering: fc.integer({ min: 3, max: 7 }).chain((n) =>
    fc.tuple(localIds(n), uniqueTexts(n, n), fc.option(fc.constantFrom("adjacent", "position", "all_or_nothing"), { nil: undefined })).map(([ids, texts, scoring]) => ({
      type: "ordering",
      items: ids.map((id, i) => ({ id, text: texts[i] })),
      ...(scoring ? { scoring } : {}),
    })),
  ),
  matching: fc.integer({ min: 3, max: 6 }).chain((n) =>
    fc
      .tuple(localIds(n), uniqueTexts(n, n), fc.uniqueArray(text, { minLength: n, maxLength: n + 3 }), fc.option(fc.constantFrom("per_pair", "all_or_nothing"), { nil: undefined }))
      .map(([ids, lefts, rights, scoring]) => ({
        type: "matching",
        ...(scoring ? { scoring } : {}),
        pairs: ids.map((id, i) => ({ id, left: lefts[i], right: rights[i] })),
        // An empty distractor list reads back as none: the same question, so only absent or non-empty are drawn.
        ...(rights.length > n ? { distractors: rights.slice(n) } : {}),
      })),
  ),
  estimate: fc
    .uniqueArray(fc.stringMatching(/^v[a-z0-9]{0,4}$/), { minLength: 1, maxLength: 4 })
    .chain((names) =>
      fc.record({
        type: fc.constant("estimate"),
        variables: fc.tuple(
          ...names.map((name) =>
            fc.oneof(
              fc.record({ name: fc.constant(name), min: fc.integer({ min: 1, max: 1000 }), scale: fc.constant("linear"), step: fc.constant(1), unit: text }),
              fc.record({ name: fc.constant(name), min: fc.integer({ min: 1, max: 1000 }), scale: fc.constant("log"), sig: fc.integer({ min: 1, max: 4 }), unit: text }),
            ).chain((v) => fc.integer({ min: v.min, max: v.min * 1000 }).map((max) => ({ ...v, max }))),
          ),
        ),
        formula: fc.constant(names.join(" * ")),
        unit: text,
        tolerance: fc.oneof(
          fc.record({ kind: fc.constant("relative"), value: fc.constantFrom(0.05, 0.1, 0.25) }),
          fc.record({ kind: fc.constant("factor"), value: fc.constantFrom(2, 3, 10) }),
          fc.constant({ kind: "magnitude" }),
        ),
        solution: text.map((t) => `${t.replace(/[{}]/g, "")} = {{answer}}`),
        // The prompt must show every variable; it replaces the base prompt below.
        estimatePrompt: text.map((t) => `${t.replace(/[{}]/g, "")} ${names.map((n) => `{{${n}}}`).join(", ")}`),
      }),
    ),
} satisfies Record<Question["type"], fc.Arbitrary<object>>;

export const questionTypesCovered = Object.keys(bodies) as Question["type"][];

/** Any valid question of the given type, exactly as questionSchema returns it. */
export function arbitraryQuestion(type: Question["type"]): fc.Arbitrary<Question> {
  return fc
    .tuple(base, bodies[type] as fc.Arbitrary<object>)
    .map(([b, body]) => {
      const { estimatePrompt, ...rest } = body as { estimatePrompt?: string };
      return questionSchema.safeParse({ ...b, ...rest, ...(estimatePrompt ? { prompt: estimatePrompt } : {}) });
    })
    .filter((r) => r.success)
    .map((r) => r.data as Question);
}

/** A control character valid in our schema and in JSON, but one XML 1.0 cannot carry at all. */
export const BELL = "\u0007";

/** A bank of distinct ids mixing every type; about one question in eight carries a BELL in its prompt. */
export const arbitraryBank = fc
  .array(fc.tuple(fc.oneof(...questionTypesCovered.map(arbitraryQuestion)), fc.nat({ max: 7 })), { minLength: 1, maxLength: 5 })
  .map((qs) => qs.map(([q, bell], i) => ({ ...q, id: `${q.id}-${i}`, ...(bell === 0 ? { prompt: `${q.prompt} ${BELL} ring` } : {}) }) as Question));
