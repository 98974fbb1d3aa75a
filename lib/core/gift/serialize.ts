import { acceptedRange } from "../quiz/score";
import type { Question } from "../../schemas/question";
import { escapeGift } from "./escape";
import { META_PREFIX } from "./parse";
import type { GiftMeta } from "./to-question";

export type GiftExport = {
  text: string;
  warnings: { id: string; message: string }[];
  /** Questions GIFT cannot hold, left out of `text` (each also has a warning). */
  skipped: { id: string; message: string }[];
};

/**
 * Numbers as plain decimals (GIFT readers do not all accept exponents) that read back as the same double:
 * JavaScript's shortest round-trip digits, with any exponent written out as zeros.
 */
export function num(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = "", exp] = m as unknown as [string, string, string, string | undefined, string];
  const digits = lead + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  return `${sign}${digits.padEnd(point, "0")}${digits.length > point ? `.${digits.slice(point)}` : ""}`;
}

const fb = (text: string) => `#${escapeGift(text)}`;

/**
 * Weights for multiple-response answers. Our scoring gives (right picked − wrong picked) / right total,
 * so each right choice is worth 100/n and each wrong one takes the same away, which is how Moodle reads
 * `~%50%` and `~%-50%` for two right answers.
 */
export function weight(n: number): string {
  return num(Number((100 / n).toFixed(5)));
}

/** An authored weight (a fraction of the mark) as a GIFT percentage: 0.5 → "50", −0.25 → "-25". */
export function percent(w: number): string {
  return num(Number((w * 100).toFixed(5)));
}

/** `%n%` before an answer, left out for full marks where `=` already says it. */
const pct = (w: number) => (w === 1 ? "" : `%${percent(w)}%`);

export function metaOf(q: Question, ids: string[] | undefined): GiftMeta {
  const meta: GiftMeta = {
    id: q.id,
    type: q.type,
    chapter: q.chapter,
    section: q.section,
    difficulty: q.difficulty,
    tags: q.tags,
  };
  if (ids) meta.ids = ids;
  if (q.hints) meta.hints = q.hints;
  if ((q.type === "single" || q.type === "multiple") && q.choices.some((c) => c.weight !== undefined)) meta.weighted = true;
  if ((q.type === "ordering" || q.type === "matching") && q.scoring !== undefined) meta.scoring = q.scoring;
  if (q.type === "short_answer") {
    meta.matches = q.answers.map((a) => a.match);
    if (q.caseSensitive !== undefined) meta.caseSensitive = q.caseSensitive;
    if (q.whitespace !== undefined) meta.whitespace = q.whitespace;
    if (q.feedbackWrong !== undefined) meta.feedbackWrong = q.feedbackWrong;
  }
  if (q.type === "numeric") {
    if (q.partialRanges) meta.partialRanges = q.partialRanges;
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
        lines: q.choices.map((c) => {
          const partial = !c.correct && c.weight !== undefined && c.weight !== 0 ? `%${percent(c.weight)}%` : "";
          return `${c.correct ? "=" : "~"}${partial}${escapeGift(c.text)}${fb(c.feedback)}`;
        }),
      };
    case "multiple": {
      const w = weight(q.choices.filter((c) => c.correct).length);
      return {
        ids: q.choices.map((c) => c.id),
        lines: q.choices.map((c) => {
          const share = c.weight !== undefined ? percent(c.weight) : c.correct ? w : `-${w}`;
          return `~%${share}%${escapeGift(c.text)}${fb(c.feedback)}`;
        }),
      };
    }
    case "short_answer": {
      const regex = q.answers.some((a) => a.match === "regex");
      return {
        lines: [
          ...q.answers.map((a) => `=${pct(a.weight)}${escapeGift(a.value)}${a.feedback === undefined ? "" : fb(a.feedback)}`),
          // Moodle's catch-all: `*` matches any answer; it carries the feedback for a wrong one.
          ...(q.feedbackWrong === undefined ? [] : [`=%0%*${fb(q.feedbackWrong)}`]),
        ],
        ...(regex
          ? { warning: "GIFT has no regular-expression answers: patterns are written as plain answers (Moodle compares them as text); Roundtrip restores them" }
          : {}),
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
      const main = `${num(q.answer)}:${num((max - min) / 2)}`;
      if (!q.partialRanges) return { lines: [`#${main}`] };
      const partial = q.partialRanges.map((r) => {
        const range = acceptedRange(r.answer, r.tolerance);
        return `=${pct(r.weight)}${num(r.answer)}:${num((range.max - range.min) / 2)}${r.feedback === undefined ? "" : fb(r.feedback)}`;
      });
      return { lines: [`#=${main} ${partial.join(" ")}`] };
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
  const skipped: GiftExport["skipped"] = [];
  const parts: string[] = [];
  let category: string | null = null;
  for (const q of questions) {
    if (q.type === "estimate") {
      const message = "GIFT has no generated (calculated) questions: not exported";
      warnings.push({ id: q.id, message });
      skipped.push({ id: q.id, message });
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
  return { text: parts.join("\n"), warnings, skipped };
}
