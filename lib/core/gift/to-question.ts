import { z } from "zod";
import {
  chapterSections,
  chapterSlugs,
  difficultySchema,
  hintSchema,
  numericRangeSchema,
  questionSchema,
  questionTypes,
  toleranceSchema,
  type ChapterSlug,
  type Difficulty,
  type NumericRange,
  type Question,
} from "../../schemas/question";
import { parseGift, type GiftChoice, type GiftItem, type GiftNumericAnswer, type GiftProblem } from "./parse";

/** What GIFT cannot say about a question, filled in from the import form (or a `$CATEGORY:` path). */
export type ImportDefaults = {
  chapter: ChapterSlug;
  section: string;
  difficulty: Difficulty;
  tags: string[];
  /** Unit for numeric questions; GIFT has none. */
  unit: string;
};

export type ImportedQuestion = { line: number; question: Question };

export type GiftImport = { questions: ImportedQuestion[]; errors: GiftProblem[]; warnings: GiftProblem[] };

/**
 * Our lossless extension: a `// @roundtrip {…}` comment above a question carries the fields GIFT has no
 * syntax for. Moodle ignores comments, so files stay importable there.
 */
export const giftMetaSchema = z.object({
  id: z.string().optional(),
  type: z.enum(questionTypes).optional(),
  chapter: z.enum(chapterSlugs).optional(),
  section: z.string().optional(),
  difficulty: difficultySchema.optional(),
  tags: z.array(z.string()).optional(),
  unit: z.string().optional(),
  tolerance: toleranceSchema.optional(),
  feedbackLow: z.string().optional(),
  feedbackHigh: z.string().optional(),
  /** Choice, pair or item ids in the order the answers are written. */
  ids: z.array(z.string()).optional(),
  hints: z.array(hintSchema).optional(),
  /** Choices carry explicit weights (the `%n%` are kept as written, not read as the classic rule). */
  weighted: z.boolean().optional(),
  scoring: z.enum(["adjacent", "position", "all_or_nothing", "per_pair"]).optional(),
  /** Short answer: how each `=` answer is compared, in order (GIFT has no regular expressions). */
  matches: z.array(z.enum(["text", "regex"])).optional(),
  caseSensitive: z.boolean().optional(),
  whitespace: z.enum(["collapse", "ignore", "exact"]).optional(),
  feedbackWrong: z.string().optional(),
  partialRanges: z.array(numericRangeSchema).optional(),
});
export type GiftMeta = z.infer<typeof giftMetaSchema>;

export function kebabName(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

function placeFromCategory(category: string | null): { chapter?: ChapterSlug; section?: string } {
  if (!category) return {};
  const parts = category.split("/").map((p) => p.trim());
  const idx = parts.findIndex((p) => (chapterSlugs as readonly string[]).includes(p));
  if (idx < 0) return {};
  const chapter = parts[idx] as ChapterSlug;
  const next = parts[idx + 1];
  const sections: readonly string[] = chapterSections[chapter];
  return next && sections.includes(next) ? { chapter, section: next } : { chapter };
}

const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(i) : ""));

function idsFor(meta: GiftMeta, n: number, warn: (m: string) => void): string[] {
  if (meta.ids) {
    if (meta.ids.length === n) return meta.ids;
    warn(`the @roundtrip comment lists ${meta.ids.length} ids for ${n} answers; ids were renumbered`);
  }
  return letters(n);
}

/** An answer's share in percent: its `%n%` when written (even after `=`, as in `=%-25%`), else 100 for `=`. */
const percentOf = (a: GiftChoice) => a.weight ?? (a.marker === "=" ? 100 : 0);
const isCorrect = (a: GiftChoice) => percentOf(a) > 0;

function choiceFields(item: GiftItem, answers: GiftChoice[], meta: GiftMeta, warn: (m: string) => void) {
  const ids = idsFor(meta, answers.length, warn);
  const partial = answers.some((a) => a.weight !== null && a.weight > 0 && a.weight < 100);
  const correctCount = answers.filter(isCorrect).length;
  // Moodle: a `=` answer makes a one-answer question (other answers may still earn part marks); without one,
  // `~%n%` weights make a multiple-response question.
  const type: "single" | "multiple" =
    meta.type === "single" || meta.type === "multiple"
      ? meta.type
      : answers.filter((a) => percentOf(a) === 100).length === 1
        ? "single"
        : partial || correctCount > 1
          ? "multiple"
          : "single";
  // A foreign file's `%n%` are Moodle answer fractions and kept as weights; our own export writes the classic
  // multiple-response rule as `%n%` too, and says in its comment when the weights are authored ones.
  const weighted = item.meta ? meta.weighted === true : answers.some((a) => a.weight !== null);
  const weightOf = (a: GiftChoice) => Number((percentOf(a) / 100).toFixed(7));
  const choices = answers.map((a, i) => ({
    id: ids[i] as string,
    text: a.text,
    correct: type === "single" && weighted ? weightOf(a) === 1 : isCorrect(a),
    feedback: a.feedback ?? (isCorrect(a) ? "Correct." : "Not correct."),
    ...(weighted ? { weight: weightOf(a) } : {}),
  }));
  const right = choices.filter((c) => c.correct).map((c) => `"${c.text}"`);
  const explanation =
    item.generalFeedback ??
    (right.length === 1 ? `The correct answer is ${right[0]}.` : `The correct answers are ${right.join(", ")}.`);
  return { type, choices, explanation };
}

function numericFields(
  item: GiftItem,
  answers: GiftNumericAnswer[],
  meta: GiftMeta,
  defaults: ImportDefaults,
  fail: (line: number, m: string) => void,
  warn: (m: string, line?: number) => void,
) {
  const weightOf = (a: GiftNumericAnswer) => (a.marker === "~" ? 0 : (a.weight ?? 100));
  const ranked = [...answers].sort((a, b) => weightOf(b) - weightOf(a));
  const best = ranked[0];
  if (!best || weightOf(best) <= 0) {
    fail(item.line, "numeric question has no correct answer");
    return null;
  }
  if (best.spec.kind === "any") {
    fail(best.line, "the correct numeric answer needs a value, as in #3:0.5 or #1..5");
    return null;
  }
  const answer = best.spec.kind === "range" ? (best.spec.min + best.spec.max) / 2 : best.spec.value;
  const delta = best.spec.kind === "range" ? (best.spec.max - best.spec.min) / 2 : best.spec.tolerance;
  const min = answer - delta;
  const max = answer + delta;
  let feedbackLow = meta.feedbackLow;
  let feedbackHigh = meta.feedbackHigh;
  const partialRanges: NumericRange[] = meta.partialRanges ? [...meta.partialRanges] : [];
  for (const a of answers) {
    if (a === best) continue;
    if (weightOf(a) > 0) {
      if (meta.partialRanges) continue;
      if (a.spec.kind === "any") {
        warn("a partial-credit answer without a value was dropped (write it as value:tolerance)", a.line);
        continue;
      }
      const mid = a.spec.kind === "range" ? (a.spec.min + a.spec.max) / 2 : a.spec.value;
      const width = a.spec.kind === "range" ? (a.spec.max - a.spec.min) / 2 : a.spec.tolerance;
      partialRanges.push({
        answer: mid,
        tolerance: { kind: "absolute", value: width },
        weight: Math.min(1, weightOf(a) / 100),
        ...(a.feedback ? { feedback: a.feedback } : {}),
      });
      continue;
    }
    if (!a.feedback) continue;
    const lo = a.spec.kind === "any" ? -Infinity : a.spec.kind === "range" ? a.spec.min : a.spec.value - a.spec.tolerance;
    const hi = a.spec.kind === "any" ? Infinity : a.spec.kind === "range" ? a.spec.max : a.spec.value + a.spec.tolerance;
    if (hi < min || a.spec.kind === "any") feedbackLow ??= a.feedback;
    if (lo > max || a.spec.kind === "any") feedbackHigh ??= a.feedback;
    if (a.spec.kind !== "any" && hi >= min && lo <= max) warn("a wrong answer overlapping the accepted range was dropped", a.line);
  }
  const tolerance = meta.tolerance ?? { kind: "absolute" as const, value: delta };
  const unit = meta.unit ?? defaults.unit;
  return {
    type: "numeric" as const,
    answer,
    tolerance,
    unit,
    ...(feedbackLow ? { feedbackLow } : {}),
    ...(feedbackHigh ? { feedbackHigh } : {}),
    ...(partialRanges.length > 0 ? { partialRanges } : {}),
    explanation: item.generalFeedback ?? `The accepted answer is ${answer} ${unit}, give or take ${delta}.`,
  };
}

/** Moodle's short-answer wildcard `*` (any run of characters) as an RE2 pattern; other characters are literal. */
function wildcardPattern(text: string): string {
  return text
    .split("*")
    .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, "\\$&"))
    .join(".*");
}

function shortAnswerFields(item: GiftItem, answers: GiftChoice[], meta: GiftMeta, warn: (m: string, line?: number) => void) {
  let feedbackWrong = meta.feedbackWrong;
  const accepted: { match: "text" | "regex"; value: string; weight: number; feedback?: string }[] = [];
  answers.forEach((a, i) => {
    const weight = Number(((a.weight ?? 100) / 100).toFixed(7));
    const feedback = a.feedback ?? undefined;
    const fromMeta = meta.matches?.[i];
    // Moodle's catch-all `=%0%*#feedback` is what a wrong answer is told.
    if (!fromMeta && a.text === "*" && weight === 0) {
      if (feedback !== undefined) feedbackWrong ??= feedback;
      return;
    }
    if (!fromMeta && a.text.includes("*")) {
      warn(`the wildcard answer "${a.text}" was turned into a regular expression`, a.line);
      accepted.push({ match: "regex", value: wildcardPattern(a.text), weight, ...(feedback ? { feedback } : {}) });
      return;
    }
    accepted.push({ match: fromMeta ?? "text", value: a.text, weight, ...(feedback ? { feedback } : {}) });
  });
  const right = accepted.filter((a) => a.weight === 1 && a.match === "text").map((a) => `"${a.value}"`);
  return {
    type: "short_answer" as const,
    answers: accepted,
    // Moodle's short answers ignore case unless told otherwise (the GIFT text cannot say so).
    ...(meta.caseSensitive !== undefined ? { caseSensitive: meta.caseSensitive } : {}),
    ...(meta.whitespace !== undefined ? { whitespace: meta.whitespace } : {}),
    ...(feedbackWrong ? { feedbackWrong } : {}),
    explanation:
      item.generalFeedback ??
      (right.length === 1 ? `The accepted answer is ${right[0]}.` : `The accepted answers are ${right.join(", ")}.`),
  };
}

function buildFields(
  item: GiftItem,
  meta: GiftMeta,
  defaults: ImportDefaults,
  fail: (line: number, m: string) => void,
  warn: (m: string, line?: number) => void,
): Record<string, unknown> | null {
  const body = item.body;
  switch (body.kind) {
    case "essay":
      warn("skipped: essay questions are not supported");
      return null;
    case "description":
      warn("skipped: a text without an answer block {…} is a description, not a question");
      return null;
    case "short":
      return shortAnswerFields(item, body.answers, meta, warn);
    case "choice":
      return choiceFields(item, body.answers, meta, warn);
    case "true_false": {
      const right = body.rightFeedback ?? `Right: the statement is ${body.value}.`;
      const wrong = body.wrongFeedback ?? `No: the statement is ${body.value}.`;
      return {
        type: "true_false",
        answer: body.value,
        feedbackTrue: body.value ? right : wrong,
        feedbackFalse: body.value ? wrong : right,
        explanation: item.generalFeedback ?? `The statement is ${body.value}.`,
      };
    }
    case "numeric":
      return numericFields(item, body.answers, meta, defaults, fail, warn);
    case "unsupported":
      warn(`skipped: ${body.label} questions are not supported`);
      return null;
    case "ordering": {
      const ids = idsFor(meta, body.items.length, warn);
      return {
        type: "ordering",
        items: body.items.map((it, i) => ({ id: ids[i] as string, text: it.text })),
        explanation: item.generalFeedback ?? `The right order is: ${body.items.map((it) => it.text).join(", then ")}.`,
      };
    }
    case "matching": {
      const pairs = body.pairs.filter((p) => p.left !== "");
      const distractors = body.pairs.filter((p) => p.left === "").map((p) => p.right);
      if (meta.type === "ordering") {
        const ids = idsFor(meta, pairs.length, warn);
        return {
          type: "ordering",
          items: pairs.map((p, i) => ({ id: ids[i] as string, text: p.right })),
          explanation: item.generalFeedback ?? `The right order is: ${pairs.map((p) => p.right).join(", then ")}.`,
        };
      }
      const ids = idsFor(meta, pairs.length, warn);
      return {
        type: "matching",
        pairs: pairs.map((p, i) => ({ id: ids[i] as string, left: p.left, right: p.right })),
        ...(distractors.length > 0 ? { distractors } : {}),
        explanation:
          item.generalFeedback ?? `The matches are: ${pairs.map((p) => `${p.left} → ${p.right}`).join("; ")}.`,
      };
    }
  }
}

/** The source line a schema issue belongs to: an answer's own line when the path points into a list. */
function issueLine(item: GiftItem, path: readonly PropertyKey[]): number {
  const [head, index] = path;
  if ((head === "choices" || head === "pairs" || head === "items") && typeof index === "number") {
    const body = item.body;
    if (body.kind === "choice") return body.answers[index]?.line ?? item.line;
    if (body.kind === "matching") return body.pairs.filter((p) => p.left !== "")[index]?.line ?? item.line;
    if (body.kind === "ordering") return body.items[index]?.line ?? item.line;
  }
  return item.line;
}

/**
 * Turn a GIFT file into our questions. Every problem carries a line number; `errors` block the import,
 * `warnings` describe what was skipped or simplified. Nothing here touches a database.
 */
export function giftToQuestions(source: string, defaults: ImportDefaults): GiftImport {
  const { items, problems } = parseGift(source);
  return itemsToQuestions(items, problems, defaults);
}

/**
 * The format-independent half of an import: read items (from GIFT or Moodle XML) become validated questions.
 * `htmlWarning` is false when the reader already converted HTML text itself and said so.
 */
export function itemsToQuestions(
  items: readonly GiftItem[],
  problems: readonly GiftProblem[],
  defaults: ImportDefaults,
  htmlWarning = true,
): GiftImport {
  const errors: GiftProblem[] = [...problems];
  const warnings: GiftProblem[] = [];
  const questions: ImportedQuestion[] = [];
  const usedIds = new Set<string>();

  for (const item of items) {
    const warn = (message: string, line = item.line) => warnings.push({ line, message });
    const fail = (line: number, message: string) => errors.push({ line, message });
    let meta: GiftMeta = {};
    if (item.meta) {
      const parsed = giftMetaSchema.safeParse(item.meta.value);
      if (parsed.success) meta = parsed.data;
      else {
        const issue = parsed.error.issues[0];
        fail(item.meta.line, `@roundtrip comment: ${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`);
        continue;
      }
    }
    const fields = buildFields(item, meta, defaults, fail, warn);
    if (!fields) continue;

    const place = placeFromCategory(item.category);
    const chapter = meta.chapter ?? place.chapter ?? defaults.chapter;
    const sections: readonly string[] = chapterSections[chapter];
    const section =
      meta.section ?? place.section ?? (sections.includes(defaults.section) ? defaults.section : (sections[0] as string));

    let id = meta.id;
    if (id === undefined) {
      const stem = kebabName(item.title ?? "") || kebabName(item.text.split(/\s+/).slice(0, 6).join(" ")) || `question-${item.line}`;
      id = `${chapter}/${stem}`;
      for (let n = 2; usedIds.has(id); n++) id = `${chapter}/${stem}-${n}`;
    } else if (usedIds.has(id)) {
      fail(item.line, `question id "${id}" appears twice in this file`);
      continue;
    }
    usedIds.add(id);

    if (htmlWarning && item.format === "html") warn("HTML question text is kept as written; Roundtrip renders prompts as Markdown");

    const candidate = {
      id,
      chapter,
      section,
      difficulty: meta.difficulty ?? defaults.difficulty,
      tags: meta.tags ?? defaults.tags,
      prompt: item.text,
      ...fields,
      ...(meta.hints ? { hints: meta.hints } : {}),
      ...(meta.scoring && (fields.type === "ordering" || fields.type === "matching") ? { scoring: meta.scoring } : {}),
    };
    const parsed = questionSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
        fail(issueLine(item, issue.path), `${where}${issue.message}`);
      }
      continue;
    }
    questions.push({ line: item.line, question: parsed.data });
  }
  errors.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  return { questions, errors, warnings };
}
