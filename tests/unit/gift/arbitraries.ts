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

const base = fc.constantFrom(...chapterSlugs).chain((chapter: ChapterSlug) =>
  fc.record({
    id: kebab.map((k) => `${chapter}/${k}`),
    chapter: fc.constant(chapter),
    section: fc.constantFrom(...chapterSections[chapter]),
    difficulty: fc.constantFrom(...difficulties),
    tags: fc.uniqueArray(kebab, { minLength: 1, maxLength: 6 }),
    prompt: text,
    explanation: text,
  }),
);

const choices = (min: number) =>
  fc.integer({ min, max: 6 }).chain((n) =>
    fc.tuple(localIds(n), uniqueTexts(n, n), fc.array(text, { minLength: n, maxLength: n }), fc.array(fc.boolean(), { minLength: n, maxLength: n })),
  );

const bodies = {
  single: choices(3).chain(([ids, texts, feedback]) =>
    fc.nat({ max: ids.length - 1 }).map((right) => ({
      type: "single",
      choices: ids.map((id, i) => ({ id, text: texts[i], correct: i === right, feedback: feedback[i] })),
    })),
  ),
  multiple: choices(3).map(([ids, texts, feedback, flags]) => ({
    type: "multiple",
    choices: ids.map((id, i) => ({ id, text: texts[i], correct: flags[i] || i === 0, feedback: feedback[i] })),
  })),
  true_false: fc.record({ type: fc.constant("true_false"), answer: fc.boolean(), feedbackTrue: text, feedbackFalse: text }),
  numeric: fc.record(
    {
      type: fc.constant("numeric"),
      answer: number,
      tolerance: fc.record({ kind: fc.constantFrom("absolute", "relative"), value: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
      unit: text,
      feedbackLow: text,
      feedbackHigh: text,
    },
    { requiredKeys: ["type", "answer", "tolerance", "unit"] },
  ),
  ordering: fc.integer({ min: 3, max: 7 }).chain((n) =>
    fc.tuple(localIds(n), uniqueTexts(n, n)).map(([ids, texts]) => ({ type: "ordering", items: ids.map((id, i) => ({ id, text: texts[i] })) })),
  ),
  matching: fc.integer({ min: 3, max: 6 }).chain((n) =>
    fc
      .tuple(localIds(n), uniqueTexts(n, n), fc.uniqueArray(text, { minLength: n, maxLength: n + 3 }))
      .map(([ids, lefts, rights]) => ({
        type: "matching",
        pairs: ids.map((id, i) => ({ id, left: lefts[i], right: rights[i] })),
        // An empty distractor list reads back as none: the same question, so only absent or non-empty are drawn.
        ...(rights.length > n ? { distractors: rights.slice(n) } : {}),
      })),
  ),
} satisfies Record<Question["type"], fc.Arbitrary<object>>;

export const questionTypesCovered = Object.keys(bodies) as Question["type"][];

/** Any valid question of the given type, exactly as questionSchema returns it. */
export function arbitraryQuestion(type: Question["type"]): fc.Arbitrary<Question> {
  return fc
    .tuple(base, bodies[type] as fc.Arbitrary<object>)
    .map(([b, body]) => questionSchema.safeParse({ ...b, ...body }))
    .filter((r) => r.success)
    .map((r) => r.data as Question);
}

/** A control character valid in our schema and in JSON, but one XML 1.0 cannot carry at all. */
export const BELL = "\u0007";

/** A bank of distinct ids mixing every type; about one question in eight carries a BELL in its prompt. */
export const arbitraryBank = fc
  .array(fc.tuple(fc.oneof(...questionTypesCovered.map(arbitraryQuestion)), fc.nat({ max: 7 })), { minLength: 1, maxLength: 5 })
  .map((qs) => qs.map(([q, bell], i) => ({ ...q, id: `${q.id}-${i}`, ...(bell === 0 ? { prompt: `${q.prompt} ${BELL} ring` } : {}) }) as Question));
