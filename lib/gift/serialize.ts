import { acceptedRange } from "../quiz/score";
import type { Question } from "../schemas/question";
import { escapeGift } from "./escape";
import { META_PREFIX } from "./parse";
import type { GiftMeta } from "./to-question";

export type GiftExport = { text: string; warnings: { id: string; message: string }[] };

/** Numbers as plain decimals: GIFT readers do not all accept exponents. */
function num(n: number): string {
  if (Number.isInteger(n) || Math.abs(n) >= 1e-6) return String(Number(n.toPrecision(15)));
  return n.toFixed(20).replace(/0+$/, "");
}

const fb = (text: string) => `#${escapeGift(text)}`;

/**
 * Weights for multiple-response answers. Our scoring gives (right picked − wrong picked) / right total,
 * so each right choice is worth 100/n and each wrong one takes the same away, which is how Moodle reads
 * `~%50%` and `~%-50%` for two right answers.
 */
function weight(n: number): string {
  return num(Number((100 / n).toFixed(5)));
}

function metaOf(q: Question, ids: string[] | undefined): GiftMeta {
  const meta: GiftMeta = {
    id: q.id,
    type: q.type,
    chapter: q.chapter,
    section: q.section,
    difficulty: q.difficulty,
    tags: q.tags,
  };
  if (ids) meta.ids = ids;
  if (q.type === "numeric") {
    meta.unit = q.unit;
    meta.tolerance = q.tolerance;
    if (q.feedbackLow !== undefined) meta.feedbackLow = q.feedbackLow;
    if (q.feedbackHigh !== undefined) meta.feedbackHigh = q.feedbackHigh;
  }
  return meta;
}

function answerBlock(q: Question): { lines: string[]; ids?: string[]; warning?: string } {
  switch (q.type) {
    case "single":
      return {
        ids: q.choices.map((c) => c.id),
        lines: q.choices.map((c) => `${c.correct ? "=" : "~"}${escapeGift(c.text)}${fb(c.feedback)}`),
      };
    case "multiple": {
      const w = weight(q.choices.filter((c) => c.correct).length);
      return {
        ids: q.choices.map((c) => c.id),
        lines: q.choices.map((c) => `~%${c.correct ? w : `-${w}`}%${escapeGift(c.text)}${fb(c.feedback)}`),
      };
    }
    case "true_false": {
      const right = q.answer ? q.feedbackTrue : q.feedbackFalse;
      const wrong = q.answer ? q.feedbackFalse : q.feedbackTrue;
      return { lines: [`${q.answer ? "TRUE" : "FALSE"}${fb(wrong)}${fb(right)}`] };
    }
    case "numeric": {
      // GIFT only knows absolute tolerances; a relative one is written as its absolute width here and kept
      // exactly in the @roundtrip comment.
      const { min, max } = acceptedRange(q.answer, q.tolerance);
      return { lines: [`#${num(q.answer)}:${num((max - min) / 2)}`] };
    }
    case "matching":
      return {
        ids: q.pairs.map((p) => p.id),
        lines: [
          ...q.pairs.map((p) => `=${escapeGift(p.left)} -> ${escapeGift(p.right)}`),
          ...(q.distractors ?? []).map((d) => `= -> ${escapeGift(d)}`),
        ],
      };
    case "ordering":
      return {
        ids: q.items.map((i) => i.id),
        lines: q.items.map((item, i) => `=Position ${i + 1} -> ${escapeGift(item.text)}`),
        warning:
          "GIFT has no ordering type: exported as a matching question (position → item); Roundtrip restores it as ordering",
      };
    case "estimate":
      // questionsToGift skips these with a warning; reaching here is a caller's bug.
      throw new Error(`GIFT cannot express the generated question ${q.id}`);
  }
}

/** One question in GIFT, preceded by its @roundtrip comment. */
export function questionToGift(q: Question): { text: string; warning?: string } {
  const block = answerBlock(q);
  const name = q.id.slice(q.id.indexOf("/") + 1);
  const head = `::${escapeGift(name)}::[markdown]${escapeGift(q.prompt)}`;
  const gf = `####${escapeGift(q.explanation)}`;
  const body =
    q.type === "numeric" || q.type === "true_false"
      ? `{${block.lines[0] ?? ""}${gf}}`
      : `{\n${block.lines.map((l) => `\t${l}`).join("\n")}\n\t${gf}\n}`;
  const text = `${META_PREFIX}${JSON.stringify(metaOf(q, block.ids))}\n${head}${body}\n`;
  return block.warning ? { text, warning: block.warning } : { text };
}

/** A whole bank as one GIFT file, grouped under `$CATEGORY:` lines by chapter. */
export function questionsToGift(questions: readonly Question[]): GiftExport {
  const warnings: GiftExport["warnings"] = [];
  const parts: string[] = [];
  let category: string | null = null;
  for (const q of questions) {
    if (q.type === "estimate") {
      warnings.push({ id: q.id, message: "GIFT has no generated (calculated) questions: not exported" });
      continue;
    }
    if (q.chapter !== category) {
      category = q.chapter;
      parts.push(`$CATEGORY: $course$/roundtrip/${q.chapter}\n`);
    }
    const { text, warning } = questionToGift(q);
    if (warning) warnings.push({ id: q.id, message: warning });
    parts.push(text);
  }
  return { text: parts.join("\n"), warnings };
}
