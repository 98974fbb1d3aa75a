import { findUnescaped, unescapeGift, unescapedPositions } from "./escape";

/**
 * A GIFT reader that keeps line numbers. It follows Moodle's format: questions are separated by blank
 * lines, `//` lines are comments, `$CATEGORY:` switches the category, `::title::` names a question,
 * `[html]`/`[moodle]`/`[plain]`/`[markdown]` give a text format, and the answer block sits in braces.
 * It only recognises syntax; turning a parsed question into one of ours is to-question.ts's job.
 */

export type GiftProblem = { line: number; message: string };

export type GiftFormat = "html" | "moodle" | "plain" | "markdown";

export type GiftChoice = {
  marker: "=" | "~";
  /** The `%n%` weight, when one was written. */
  weight: number | null;
  text: string;
  feedback: string | null;
  line: number;
};

export type GiftNumericSpec =
  | { kind: "any" }
  | { kind: "range"; min: number; max: number }
  | { kind: "tolerance"; value: number; tolerance: number };

export type GiftNumericAnswer = {
  marker: "=" | "~";
  weight: number | null;
  spec: GiftNumericSpec;
  feedback: string | null;
  line: number;
};

export type GiftBody =
  | { kind: "essay" }
  | { kind: "description" }
  | { kind: "short"; answers: GiftChoice[] }
  | { kind: "true_false"; value: boolean; wrongFeedback: string | null; rightFeedback: string | null }
  | { kind: "choice"; answers: GiftChoice[] }
  | { kind: "matching"; pairs: { left: string; right: string; line: number }[] }
  | { kind: "numeric"; answers: GiftNumericAnswer[] }
  /** Only from Moodle XML (GIFT has no ordering type): items in the right order. */
  | { kind: "ordering"; items: { text: string; line: number }[] }
  /** A Moodle type Roundtrip has no equivalent for (cloze, calculated, drag-and-drop…), named for the report. */
  | { kind: "unsupported"; label: string };

export type GiftItem = {
  /** Line of the question's first non-comment line. */
  line: number;
  title: string | null;
  format: GiftFormat | null;
  text: string;
  category: string | null;
  generalFeedback: string | null;
  /** The JSON of a `// @roundtrip {…}` comment just above the question (our lossless extension). */
  meta: { line: number; value: unknown } | null;
  body: GiftBody;
};

export type GiftParseResult = { items: GiftItem[]; problems: GiftProblem[] };

export const META_PREFIX = "// @roundtrip ";

type Block = { lines: { text: string; line: number }[]; meta: GiftItem["meta"]; problems: GiftProblem[] };

/** Split into blank-line separated blocks, dropping comments but remembering each kept line's number. */
function blocks(source: string): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  const raw = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  raw.forEach((text, i) => {
    const line = i + 1;
    const trimmed = text.trim();
    if (trimmed === "") {
      if (current && current.lines.length > 0) out.push(current);
      // A metadata comment belongs to the question directly under it, never across a blank line.
      current = null;
      return;
    }
    current ??= { lines: [], meta: null, problems: [] };
    if (trimmed.startsWith("//")) {
      if (trimmed.startsWith(META_PREFIX.trim()) && current.lines.length === 0) {
        const json = trimmed.slice(META_PREFIX.trim().length).trim();
        try {
          current.meta = { line, value: JSON.parse(json) };
        } catch {
          current.problems.push({ line, message: "the @roundtrip comment is not valid JSON" });
        }
      }
      return;
    }
    current.lines.push({ text, line });
  });
  if (current !== null && (current as Block).lines.length > 0) out.push(current);
  return out;
}

const FORMAT_RE = /^\s*\[(html|moodle|plain|markdown)\]/;

function stripFormat(text: string): { format: GiftFormat | null; text: string } {
  const m = FORMAT_RE.exec(text);
  if (!m) return { format: null, text };
  return { format: m[1] as GiftFormat, text: text.slice(m[0].length) };
}

/** Clean an answer or text fragment: drop its format tag, unescape, trim. */
function clean(text: string): string {
  return unescapeGift(stripFormat(text.trim()).text).trim();
}

function parseNumber(raw: string): number | null {
  const t = raw.trim();
  if (t === "" || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const WEIGHT_RE = /^\s*%(-?\d+(?:\.\d+)?)%/;

function takeWeight(body: string): { weight: number | null; rest: string } {
  const m = WEIGHT_RE.exec(body);
  if (!m) return { weight: null, rest: body };
  return { weight: Number(m[1]), rest: body.slice(m[0].length) };
}

/** Split at the first unescaped `#` into text and feedback. */
function takeFeedback(body: string): { text: string; feedback: string | null } {
  const hash = findUnescaped(body, "#");
  if (hash < 0) return { text: body, feedback: null };
  const fb = clean(body.slice(hash + 1));
  return { text: body.slice(0, hash), feedback: fb === "" ? null : fb };
}

type Ctx = { lineAt: (offset: number) => number; problems: GiftProblem[] };

/** Split an answer block into `=`/`~` tokens; text before the first marker is returned as `lead`. */
function tokens(answer: string, base: number): { lead: string; list: { marker: "=" | "~"; body: string; offset: number }[] } {
  const marks = unescapedPositions(answer, ["=", "~"]);
  const lead = answer.slice(0, marks[0] ?? answer.length);
  const list = marks.map((pos, i) => ({
    marker: answer[pos] as "=" | "~",
    body: answer.slice(pos + 1, marks[i + 1] ?? answer.length),
    offset: base + pos,
  }));
  return { lead, list };
}

function numericSpec(raw: string, line: number, ctx: Ctx): GiftNumericSpec | null {
  const t = raw.trim();
  if (t === "" || t === "*") return { kind: "any" };
  const range = t.split("..");
  if (range.length === 2) {
    const min = parseNumber(range[0] as string);
    const max = parseNumber(range[1] as string);
    if (min === null || max === null) {
      ctx.problems.push({ line, message: `numeric range "${t}" must be two numbers, as in 1..5` });
      return null;
    }
    if (min > max) {
      ctx.problems.push({ line, message: `numeric range "${t}" has its minimum above its maximum` });
      return null;
    }
    return { kind: "range", min, max };
  }
  const colon = t.split(":");
  const value = parseNumber(colon[0] as string);
  if (value === null) {
    ctx.problems.push({ line, message: `numeric answer "${t}" is not a number` });
    return null;
  }
  if (colon.length === 1) return { kind: "tolerance", value, tolerance: 0 };
  const tolerance = colon.length === 2 ? parseNumber(colon[1] as string) : null;
  if (tolerance === null) {
    ctx.problems.push({ line, message: `numeric tolerance in "${t}" is not a number (write answer:tolerance)` });
    return null;
  }
  if (tolerance < 0) {
    ctx.problems.push({ line, message: `numeric tolerance ${tolerance} is below zero` });
    return null;
  }
  return { kind: "tolerance", value, tolerance };
}

function parseNumeric(answer: string, base: number, ctx: Ctx): GiftBody | null {
  // `answer` starts after the leading `#`. Unescaped `:` is the tolerance separator, so it is not a marker.
  const { lead, list } = tokens(answer, base);
  const parts: { marker: "=" | "~"; body: string; offset: number }[] = [];
  if (lead.trim() !== "") parts.push({ marker: "=", body: lead, offset: base });
  parts.push(...list);
  const answers: GiftNumericAnswer[] = [];
  let ok = true;
  for (const part of parts) {
    const line = ctx.lineAt(part.offset);
    const { weight, rest } = takeWeight(part.body);
    // `~#Completely wrong` is an answer with no value (anything else) and only feedback.
    const { text, feedback } = takeFeedback(rest);
    const spec = numericSpec(unescapeGift(text), line, ctx);
    if (!spec) {
      ok = false;
      continue;
    }
    answers.push({ marker: part.marker, weight, spec, feedback, line });
  }
  if (!ok) return null;
  if (answers.length === 0) {
    ctx.problems.push({ line: ctx.lineAt(base), message: "numeric answer block has no answer after #" });
    return null;
  }
  return { kind: "numeric", answers };
}

const TF_RE = /^(T|TRUE|F|FALSE)\s*(?=#|$)/i;

function parseAnswerBlock(answer: string, base: number, ctx: Ctx): GiftBody | null {
  const trimmed = answer.trim();
  if (trimmed === "") return { kind: "essay" };
  const lead = answer.length - answer.trimStart().length;
  if (trimmed.startsWith("#")) return parseNumeric(trimmed.slice(1), base + lead + 1, ctx);

  const tf = TF_RE.exec(trimmed);
  if (tf) {
    const value = (tf[1] as string).toUpperCase().startsWith("T");
    const rest = trimmed.slice(tf[0].length);
    const fbs: (string | null)[] = [];
    let at = 0;
    while (at < rest.length) {
      const hash = findUnescaped(rest, "#", at);
      if (hash < 0) break;
      const next = findUnescaped(rest, "#", hash + 1);
      const fb = clean(rest.slice(hash + 1, next < 0 ? rest.length : next));
      fbs.push(fb === "" ? null : fb);
      at = next < 0 ? rest.length : next;
    }
    return { kind: "true_false", value, wrongFeedback: fbs[0] ?? null, rightFeedback: fbs[1] ?? null };
  }

  const { lead: before, list } = tokens(answer, base);
  // Moodle lets a short answer's first (or only) accepted answer go without its `=`: `{four}`, `{four =4}`.
  const bare = before.trim() !== "" && !before.includes("->") && list.every((t) => t.marker === "=" && !t.body.includes("->"));
  if (bare) {
    const { weight, rest } = takeWeight(before);
    const { text, feedback } = takeFeedback(rest);
    const first: GiftChoice = { marker: "=", weight, text: clean(text), feedback, line: ctx.lineAt(base + lead) };
    const others = list.map((t) => {
      const w = takeWeight(t.body);
      const f = takeFeedback(w.rest);
      return { marker: t.marker, weight: w.weight, text: clean(f.text), feedback: f.feedback, line: ctx.lineAt(t.offset) };
    });
    return { kind: "short", answers: [first, ...others] };
  }
  if (before.trim() !== "") {
    ctx.problems.push({
      line: ctx.lineAt(base + lead),
      message: `unexpected text "${before.trim().slice(0, 40)}" in the answer block: each answer starts with = or ~`,
    });
    return null;
  }
  const answers: GiftChoice[] = list.map((t) => {
    const { weight, rest } = takeWeight(t.body);
    const { text, feedback } = takeFeedback(rest);
    return { marker: t.marker, weight, text, feedback, line: ctx.lineAt(t.offset) };
  });

  const arrowAt = (t: string) => findUnescaped(t, "->");
  const arrows = answers.filter((a) => arrowAt(a.text) >= 0);
  if (arrows.length > 0) {
    const bad = answers.find((a) => a.marker !== "=" || arrowAt(a.text) < 0);
    if (bad) {
      ctx.problems.push({ line: bad.line, message: "every answer of a matching question is written =left -> right" });
      return null;
    }
    return {
      kind: "matching",
      pairs: answers.map((a) => {
        const arrow = arrowAt(a.text);
        return { left: clean(a.text.slice(0, arrow)), right: clean(a.text.slice(arrow + 2)), line: a.line };
      }),
    };
  }
  const cleaned = answers.map((a) => ({ ...a, text: clean(a.text) }));
  if (answers.some((a) => a.marker === "~")) return { kind: "choice", answers: cleaned };
  return { kind: "short", answers: cleaned };
}

function parseBlock(block: Block, category: string | null, problems: GiftProblem[]): GiftItem | null {
  const joined = block.lines.map((l) => l.text).join("\n");
  const starts: number[] = [];
  let acc = 0;
  for (const l of block.lines) {
    starts.push(acc);
    acc += l.text.length + 1;
  }
  const lineAt = (offset: number): number => {
    let idx = 0;
    for (let i = 0; i < starts.length; i++) if ((starts[i] as number) <= offset) idx = i;
    return block.lines[idx]?.line ?? 0;
  };
  const ctx: Ctx = { lineAt, problems };
  const first = block.lines[0]?.line ?? 0;

  let rest = joined;
  let base = 0;
  const lead = rest.length - rest.trimStart().length;
  rest = rest.slice(lead);
  base += lead;
  let title: string | null = null;
  if (rest.startsWith("::")) {
    const end = findUnescaped(rest, "::", 2);
    if (end < 0) {
      problems.push({ line: first, message: "the question title opened with :: is not closed with ::" });
      return null;
    }
    title = unescapeGift(rest.slice(2, end)).trim();
    base += end + 2;
    rest = rest.slice(end + 2);
  }
  const open = findUnescaped(rest, "{");
  if (open < 0) {
    const { format, text } = stripFormat(rest);
    return { line: first, title, format, text: unescapeGift(text).trim(), category, generalFeedback: null, meta: block.meta, body: { kind: "description" } };
  }
  const close = findUnescaped(rest, "}", open + 1);
  if (close < 0) {
    problems.push({ line: lineAt(base + open), message: "the answer block opened with { is not closed with }" });
    return null;
  }
  const after = rest.slice(close + 1).trim();
  const { format, text: beforeText } = stripFormat(rest.slice(0, open));
  let text = unescapeGift(beforeText).trim();
  // Moodle's "missing word" form puts the blank in the middle of the sentence.
  if (after !== "") text = `${text} _____ ${unescapeGift(after)}`.trim();

  let answer = rest.slice(open + 1, close);
  let generalFeedback: string | null = null;
  const gf = findUnescaped(answer, "####");
  if (gf >= 0) {
    generalFeedback = clean(answer.slice(gf + 4)) || null;
    answer = answer.slice(0, gf);
  }
  const body = parseAnswerBlock(answer, base + open + 1, ctx);
  if (!body) return null;
  return { line: first, title, format, text, category, generalFeedback, meta: block.meta, body };
}

export function parseGift(source: string): GiftParseResult {
  const items: GiftItem[] = [];
  const problems: GiftProblem[] = [];
  let category: string | null = null;
  for (const block of blocks(source)) {
    problems.push(...block.problems);
    const firstText = block.lines[0]?.text.trim() ?? "";
    if (firstText.startsWith("$CATEGORY:")) {
      category = firstText.slice("$CATEGORY:".length).trim();
      block.lines.shift();
      if (block.lines.length === 0) continue;
    }
    const item = parseBlock(block, category, problems);
    if (item) items.push(item);
  }
  problems.sort((a, b) => a.line - b.line);
  return { items, problems };
}
