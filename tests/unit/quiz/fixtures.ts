import { questionSchema, type Question } from "@/lib/schemas/question";

// Hand-made questions covering every type; parsed through the schema so the fixtures are valid by construction.
export const fixtureBase = {
  chapter: "tcp-connections",
  section: "three-way-handshake",
  difficulty: "easy",
  tags: ["tcp"],
  prompt: "Prompt text.",
  explanation: "EXPLANATION-TEXT",
} as const;

export const single = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-single",
  type: "single",
  choices: [
    { id: "a", text: "Alpha", correct: false, feedback: "FB-A" },
    { id: "b", text: "Bravo", correct: true, feedback: "FB-B" },
    { id: "c", text: "Charlie", correct: false, feedback: "FB-C" },
  ],
});

export const multiple = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-multiple",
  type: "multiple",
  choices: [
    { id: "a", text: "One", correct: true, feedback: "FB-1" },
    { id: "b", text: "Two", correct: true, feedback: "FB-2" },
    { id: "c", text: "Three", correct: false, feedback: "FB-3" },
    { id: "d", text: "Four", correct: true, feedback: "FB-4" },
    { id: "e", text: "Five", correct: false, feedback: "FB-5" },
  ],
});

export const trueFalse = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-tf",
  type: "true_false",
  answer: false,
  feedbackTrue: "FB-TRUE",
  feedbackFalse: "FB-FALSE",
});

export const numericAbs = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-num-abs",
  type: "numeric",
  answer: 100,
  tolerance: { kind: "absolute", value: 5 },
  unit: "ms",
  feedbackLow: "FB-LOW",
  feedbackHigh: "FB-HIGH",
});

export const numericRel = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-num-rel",
  type: "numeric",
  answer: 200,
  tolerance: { kind: "relative", value: 0.1 },
  unit: "ms",
});

export const numericFloat = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-num-float",
  type: "numeric",
  answer: 0.3,
  tolerance: { kind: "absolute", value: 0 },
  unit: "s",
});

export const ordering = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-ordering",
  type: "ordering",
  items: [
    { id: "a", text: "SYN" },
    { id: "b", text: "SYN-ACK" },
    { id: "c", text: "ACK" },
    { id: "d", text: "Data" },
  ],
});

export const matching = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-matching",
  type: "matching",
  pairs: [
    { id: "a", left: "22", right: "SSH" },
    { id: "b", left: "443", right: "HTTPS" },
    { id: "c", left: "5432", right: "PostgreSQL" },
    { id: "d", left: "6379", right: "Redis" },
  ],
  distractors: ["SMTP"],
});

export const shortAnswer = questionSchema.parse({
  ...fixtureBase,
  id: "tcp-connections/fixture-short",
  type: "short_answer",
  answers: [
    { match: "text", value: "Three-way handshake", weight: 1, feedback: "FB-EXACT" },
    { match: "regex", value: "(3|three)[- ]?way", weight: 1, feedback: "FB-PATTERN" },
    { match: "text", value: "handshake", weight: 0.5, feedback: "FB-HALF" },
  ],
  feedbackWrong: "FB-WRONG",
});

export const allFixtures: Question[] = [
  single,
  multiple,
  trueFalse,
  numericAbs,
  numericRel,
  numericFloat,
  ordering,
  matching,
  shortAnswer,
];

/** Narrow a fixture to one type, failing loudly if a fixture was edited into another type. */
export function as<T extends Question["type"]>(q: Question, type: T): Extract<Question, { type: T }> {
  if (q.type !== type) throw new Error(`fixture ${q.id} is ${q.type}, not ${type}`);
  return q as Extract<Question, { type: T }>;
}
