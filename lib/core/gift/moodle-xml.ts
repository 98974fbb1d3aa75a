import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import type { Question, QuestionType, Tolerance } from "../../schemas/question";
import type { GiftBody, GiftChoice, GiftItem, GiftNumericAnswer, GiftProblem } from "./parse";
import { metaOf, percent, weight } from "./serialize";
import { itemsToQuestions, kebabName, type GiftImport, type ImportDefaults } from "./to-question";

/**
 * Moodle XML (the format of Moodle's question bank export) in both directions. Reading turns each
 * `<question>` into the same item the GIFT reader produces, so both formats share one validation path and
 * one import report. Writing keeps what Moodle understands in Moodle's own elements and adds a `<roundtrip>`
 * element (JSON of the fields Moodle has no place for); Moodle ignores unknown elements.
 */

/** Characters; the same bound as the import form's text field. */
export const MAX_XML_CHARS = 1_000_000;

export type XmlExport = { text: string; warnings: { id: string; message: string }[]; skipped: { id: string; message: string }[] };

type XNode = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------

const ALWAYS_ARRAYS = new Set(["question", "answer", "subquestion", "tag", "unit", "hint"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Only XML's predefined entities reach here: a DOCTYPE (the home of declared and external entities) is
  // refused before parsing, and the library's default expansion limits stay on as a second wall.
  processEntities: true,
  // Decodes numeric character references (&#233;) and HTML names such as &nbsp; from old Moodle exports.
  htmlEntities: true,
  captureMetaData: true,
  maxNestedTags: 40,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});
const META = XMLParser.getMetaDataSymbol();

const asNode = (v: unknown): XNode | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as XNode) : null);
const asList = (v: unknown): XNode[] => (Array.isArray(v) ? v.map((x) => asNode(x) ?? { "#text": String(x) }) : []);

/** The text of an element that holds only text (or text and attributes). */
function plain(v: unknown): string {
  if (typeof v === "string") return v;
  const node = asNode(v);
  return node && node["#text"] !== undefined ? String(node["#text"]) : "";
}

/** Moodle's names for the ways a text can be written; "html" is what Moodle itself exports. */
const CONVERTED_TAGS = /^(p|div|span|br|strong|b|em|i|code|ul|ol|li|h[1-6]|pre|blockquote|sub|sup|u)$/;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Moodle HTML to Markdown, conservatively: paragraphs, line breaks, lists, bold, italic and code become their
 * Markdown; every other tag is dropped with its text kept, and `lossy` says so. Display goes through the
 * user-markdown sanitiser, so nothing here has to be trusted.
 */
export function htmlToMarkdown(html: string): { text: string; lossy: boolean } {
  if (!/[<&]/.test(html)) return { text: html, lossy: false };
  let lossy = false;
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, () => {
      lossy = true;
      return "";
    })
    .replace(/\s+/g, " ")
    .replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_all, close: string, name: string) => {
      const tag = name.toLowerCase();
      if (!CONVERTED_TAGS.test(tag)) {
        lossy = true;
        return "";
      }
      if (tag === "br") return "\n";
      if (tag === "strong" || tag === "b") return "**";
      if (tag === "em" || tag === "i") return "*";
      if (tag === "code") return "`";
      if (tag === "li") return close ? "" : "\n- ";
      if (/^(p|div|h[1-6]|pre|blockquote|ul|ol)$/.test(tag)) return "\n\n";
      return "";
    })
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
      }
      return ENTITIES[name.toLowerCase()] ?? all;
    })
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, lossy };
}

type Reader = {
  lineOf: (node: unknown) => number;
  /** The text of a `<questiontext>`-like element in Markdown; HTML is converted and noted once per question. */
  textOf: (node: unknown, defaultFormat?: string) => string;
  warn: (message: string, line?: number) => void;
  fail: (message: string, line?: number) => void;
};

/** A fraction attribute in percent ("100", "-33.33333"); Moodle writes it on every answer. */
function fractionOf(node: XNode): number {
  const n = Number(plain(node["@_fraction"]));
  return Number.isFinite(n) ? n : 0;
}

const feedbackOf = (node: XNode, r: Reader): string | null => r.textOf(node.feedback) || null;

/** Moodle fractions as GIFT's `=`/`~%w%` markers, which the shared reader already understands. */
function choiceOf(node: XNode, r: Reader): GiftChoice {
  const f = fractionOf(node);
  return {
    marker: f >= 100 ? "=" : "~",
    weight: f !== 0 && f < 100 ? f : null,
    text: r.textOf(node),
    feedback: feedbackOf(node, r),
    line: r.lineOf(node),
  };
}

/** One reader per Moodle question type; types missing here are reported as skipped with their line. */
const READERS: Record<string, (q: XNode, r: Reader) => GiftBody> = {
  multichoice: (q, r) => ({ kind: "choice", answers: asList(q.answer).map((a) => choiceOf(a, r)) }),
  truefalse: (q, r) => {
    const answers = asList(q.answer);
    const right = answers.find((a) => fractionOf(a) >= 100) ?? answers[0];
    const wrong = answers.find((a) => a !== right);
    if (!right) r.fail("a true/false question needs its two answers");
    return {
      kind: "true_false",
      value: right ? plain(right.text).trim().toLowerCase() === "true" : true,
      rightFeedback: right ? feedbackOf(right, r) : null,
      wrongFeedback: wrong ? feedbackOf(wrong, r) : null,
    };
  },
  numerical: (q, r) => ({
    kind: "numeric",
    answers: asList(q.answer).flatMap((a): GiftNumericAnswer[] => {
      const f = fractionOf(a);
      const raw = plain(a.text).trim();
      const base = { marker: f > 0 ? ("=" as const) : ("~" as const), weight: f > 0 && f < 100 ? f : null, feedback: feedbackOf(a, r), line: r.lineOf(a) };
      if (raw === "*") return [{ ...base, spec: { kind: "any" } }];
      const value = Number(raw);
      const tolerance = Number(plain(a.tolerance).trim() || "0");
      if (raw === "" || !Number.isFinite(value) || !Number.isFinite(tolerance)) {
        r.fail(`numerical answer "${raw}" is not a number`, base.line);
        return [];
      }
      if (tolerance < 0) r.fail(`numeric tolerance ${tolerance} is below zero`, base.line);
      return [{ ...base, spec: { kind: "tolerance", value, tolerance: Math.abs(tolerance) } }];
    }),
  }),
  matching: (q, r) => ({
    kind: "matching",
    pairs: asList(q.subquestion).map((s) => ({
      left: r.textOf(s),
      // Moodle shows a matching answer as plain text (it has no format of its own).
      right: r.textOf(asList(s.answer)[0], "plain_text"),
      line: r.lineOf(s),
    })),
  }),
  // Moodle's ordering plugin stores each item's position as its fraction (1, 2, 3…).
  ordering: (q, r) => {
    const answers = asList(q.answer).map((a, i) => ({ a, i, pos: Number(plain(a["@_fraction"])) }));
    const byPosition = answers.every((x) => Number.isFinite(x.pos)) ? [...answers].sort((x, y) => x.pos - y.pos || x.i - y.i) : answers;
    return { kind: "ordering", items: byPosition.map(({ a }) => ({ text: r.textOf(a), line: r.lineOf(a) })) };
  },
  // Every short answer carries its fraction as a weight, so a 0 % answer (feedback for a common mistake) stays 0.
  shortanswer: (q, r) => ({ kind: "short", answers: asList(q.answer).map((a) => ({ ...choiceOf(a, r), marker: "=" as const, weight: fractionOf(a) })) }),
  essay: () => ({ kind: "essay" }),
  description: () => ({ kind: "unsupported", label: "description (text without an answer)" }),
};

const UNSUPPORTED_LABELS: Record<string, string> = {
  multianswer: "cloze (embedded answers)",
  calculated: "calculated",
  calculatedsimple: "simple calculated",
  calculatedmulti: "calculated multichoice",
  ddwtos: "drag and drop into text",
  gapselect: "select missing words",
  ddimageortext: "drag and drop onto image",
  ddmarker: "drag and drop markers",
  randomsamatch: "random short-answer matching",
  random: "random",
};

const ID_RE = /^[a-z0-9-]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Parse Moodle XML into reader items; every problem has a line. Never throws on bad input. */
export function readMoodleXml(source: string): { items: GiftItem[]; problems: GiftProblem[]; warnings: GiftProblem[] } {
  const problems: GiftProblem[] = [];
  const warnings: GiftProblem[] = [];
  const text = source.replace(/^\uFEFF/, "");
  const lineAt = lineIndex(text);
  const refuse = (line: number, message: string) => ({ items: [], problems: [{ line, message }], warnings });
  if (text.length > MAX_XML_CHARS) return refuse(1, `the file is larger than ${MAX_XML_CHARS} characters`);
  // DOCTYPE is where external entities (XXE) and entity bombs live; Moodle never writes one.
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (doctype) return refuse(lineAt(doctype.index), "DOCTYPE and ENTITY declarations are not accepted in Moodle XML");
  const valid = XMLValidator.validate(text);
  if (valid !== true) return refuse(valid.err.line, `not well-formed XML: ${valid.err.msg}`);
  let doc: XNode;
  try {
    doc = asNode(parser.parse(text)) ?? {};
  } catch (error) {
    return refuse(1, `not readable as XML: ${error instanceof Error ? error.message.split("\n")[0] : "unknown error"}`);
  }
  if (!("quiz" in doc)) return refuse(1, "a Moodle XML file has a <quiz> root element");
  // An empty <quiz/> parses as "": a file with no questions, which the shared report then says.
  const quiz = asNode(doc.quiz) ?? {};

  const lineOf = (node: unknown) => {
    const meta = asNode(node)?.[META as unknown as string] as { startIndex?: number } | undefined;
    return meta?.startIndex !== undefined ? lineAt(meta.startIndex) : 1;
  };
  const items: GiftItem[] = [];
  let category: string | null = null;
  for (const q of asList(quiz.question)) {
    const line = lineOf(q);
    const type = plain(q["@_type"]);
    if (type === "category") {
      category = plain(asNode(q.category)?.text ?? q.category).trim() || null;
      continue;
    }
    let lossy = false;
    let converted = false;
    const reader: Reader = {
      lineOf: (node) => (asNode(node) ? lineOf(node) : line),
      textOf: (node, defaultFormat = "html") => {
        const n = asNode(node);
        if (!n) return plain(node).trim();
        const raw = plain(n.text).trim();
        const format = plain(n["@_format"]) || defaultFormat;
        if (format !== "html") return raw;
        const md = htmlToMarkdown(raw);
        lossy ||= md.lossy;
        converted ||= md.text !== raw;
        return md.text;
      },
      warn: (message, at = line) => warnings.push({ line: at, message }),
      fail: (message, at = line) => problems.push({ line: at, message }),
    };
    const read = READERS[type];
    const body: GiftBody = read ? read(q, reader) : { kind: "unsupported", label: UNSUPPORTED_LABELS[type] ?? `Moodle "${type || "untyped"}"` };
    for (const field of ["correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"]) {
      if (read && reader.textOf(q[field]) !== "") {
        reader.warn("the combined feedback (correct, partially correct, incorrect) was dropped; general and per-answer feedback are kept");
        break;
      }
    }

    let meta: GiftItem["meta"] = null;
    const rawMeta = plain(q.roundtrip).trim();
    if (rawMeta) {
      try {
        meta = { line: lineOf(q.roundtrip), value: JSON.parse(rawMeta) };
      } catch {
        reader.fail("the <roundtrip> element is not valid JSON", lineOf(q.roundtrip));
        continue;
      }
    } else {
      // Without our element, take what Moodle itself says: its id number, tags, unit and single/multiple flag.
      const value: Record<string, unknown> = {};
      const idnumber = plain(q.idnumber).trim();
      if (ID_RE.test(idnumber)) value.id = idnumber;
      const tags = asList(asNode(q.tags)?.tag).map((t) => kebabName(plain(t.text))).filter(Boolean);
      if (tags.length > 0) value.tags = [...new Set(tags)].slice(0, 6);
      const unit = asList(asNode(q.units)?.unit).find((u) => Number(plain(u.multiplier) || "1") === 1);
      if (unit && plain(unit.unit_name).trim()) value.unit = plain(unit.unit_name).trim();
      if (type === "multichoice" && plain(q.single).trim() === "false") value.type = "multiple";
      // Moodle fractions other than 0 and 100 % are partial credit: kept as weights, as Moodle scores them.
      if (type === "multichoice" && asList(q.answer).some((a) => fractionOf(a) !== 0 && fractionOf(a) !== 100)) value.weighted = true;
      if (type === "shortanswer" && plain(q.usecase).trim() === "1") value.caseSensitive = true;
      const hints = asList(q.hint).map((h) => reader.textOf(h)).filter(Boolean);
      if (hints.length > 0) {
        // Moodle charges its penalty once per try, and each try after the first shows the next hint.
        const penalty = Number(plain(q.penalty));
        const cost = penalty > 0 && penalty <= 1 ? penalty : 0.1;
        if (!(penalty > 0 && penalty <= 1)) reader.warn("the question has no penalty per try: each hint costs 10 % of the mark");
        if (hints.length > 3) reader.warn(`only the first 3 of ${hints.length} hints were kept`);
        value.hints = hints.slice(0, 3).map((text) => ({ text, cost }));
      }
      meta = { line, value };
    }
    const generalFeedback = reader.textOf(q.generalfeedback) || null;
    items.push({
      line,
      title: plain(asNode(q.name)?.text).trim() || null,
      format: "markdown",
      text: reader.textOf(q.questiontext),
      category,
      generalFeedback,
      meta,
      body,
    });
    if (lossy) reader.warn("HTML text converted to Markdown: images, links, tables and other markup were dropped (their text is kept)");
    else if (converted) reader.warn("HTML text converted to Markdown");
  }
  return { items, problems, warnings };
}

/** Moodle XML to our questions, through the same checks and the same report as a GIFT import. */
export function moodleXmlToQuestions(source: string, defaults: ImportDefaults): GiftImport {
  const { items, problems, warnings } = readMoodleXml(source);
  const result = itemsToQuestions(items, problems, defaults, false);
  return { ...result, warnings: [...warnings, ...result.warnings].sort((a, b) => a.line - b.line) };
}

// ---------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------

const md = (text: string) => ({ "@_format": "markdown", text });

type Written = { moodleType: string; fields: XNode; ids?: string[]; warning?: string };

type ChoiceList = Extract<Question, { type: "single" | "multiple" }>["choices"];

/** Moodle answer fractions in percent: authored weights when there are any, else our classic rule. */
function choiceFractions(choices: ChoiceList, classic: (correct: boolean) => string): string[] {
  const weighted = choices.some((c) => c.weight !== undefined);
  return choices.map((c) => (weighted ? percent(c.weight ?? (c.correct ? 1 : 0)) : classic(c.correct)));
}

/** Moodle's multichoice element, for one right answer (`single`) or several; `classic` as in choiceFractions. */
function multichoice(choices: ChoiceList, single: boolean, classic: (correct: boolean) => string): Written {
  const fractions = choiceFractions(choices, classic);
  return {
    moodleType: "multichoice",
    ids: choices.map((c) => c.id),
    fields: {
      single: String(single),
      shuffleanswers: "true",
      answernumbering: "abc",
      answer: choices.map((c, i) => ({ "@_fraction": fractions[i], ...md(c.text), feedback: md(c.feedback) })),
    },
  };
}

/**
 * One writer per Roundtrip type: adding a type is adding an entry here (and a reader above). A type Moodle XML
 * cannot hold has a reason instead, and export reports each such question as skipped.
 */
const WRITERS: { [T in QuestionType]: ((q: Extract<Question, { type: T }>) => Written) | { skip: string } } = {
  // Moodle's calculated type draws uniformly from decimal ranges with absolute or relative tolerance; it has no
  // log-scale draws, factor or order-of-magnitude tolerances, worked solutions or our formula functions.
  estimate: { skip: "generated estimate questions have no faithful Moodle XML form (Moodle's calculated type lacks log-scale draws, factor and order-of-magnitude tolerances and worked solutions)" },
  single: (q) => multichoice(q.choices, true, (correct) => (correct ? "100" : "0")),
  multiple: (q) => {
    // Without authored weights, equal shares as our scoring gives them: each right choice +100/n, each wrong −100/n.
    const w = weight(q.choices.filter((c) => c.correct).length);
    return multichoice(q.choices, false, (correct) => (correct ? w : `-${w}`));
  },
  short_answer: (q) => ({
    moodleType: "shortanswer",
    ...(q.answers.some((a) => a.match === "regex")
      ? { warning: "Moodle short answers have no regular expressions: patterns are written as plain answers (Moodle compares them as text); Roundtrip restores them" }
      : {}),
    fields: {
      usecase: q.caseSensitive ? "1" : "0",
      answer: [
        ...q.answers.map((a) => ({
          "@_fraction": percent(a.weight),
          "@_format": "moodle_auto_format",
          text: a.value,
          ...(a.feedback !== undefined ? { feedback: md(a.feedback) } : {}),
        })),
        // Moodle's catch-all `*` carries the feedback for an answer nothing else matched.
        ...(q.feedbackWrong !== undefined ? [{ "@_fraction": "0", "@_format": "moodle_auto_format", text: "*", feedback: md(q.feedbackWrong) }] : []),
      ],
    },
  }),
  true_false: (q) => ({
    moodleType: "truefalse",
    fields: {
      answer: [
        { "@_fraction": q.answer ? "100" : "0", "@_format": "moodle_auto_format", text: "true", feedback: md(q.feedbackTrue) },
        { "@_fraction": q.answer ? "0" : "100", "@_format": "moodle_auto_format", text: "false", feedback: md(q.feedbackFalse) },
      ],
    },
  }),
  numeric: (q) => ({
    moodleType: "numerical",
    fields: {
      // Moodle tolerances are absolute; a relative one is written as its width here and kept exactly in <roundtrip>.
      answer: [
        { "@_fraction": "100", "@_format": "moodle_auto_format", text: String(q.answer), tolerance: String(width(q.answer, q.tolerance)) },
        ...(q.partialRanges ?? []).map((r) => ({
          "@_fraction": percent(r.weight),
          "@_format": "moodle_auto_format",
          text: String(r.answer),
          tolerance: String(width(r.answer, r.tolerance)),
          ...(r.feedback !== undefined ? { feedback: md(r.feedback) } : {}),
        })),
      ],
      units: { unit: [{ multiplier: "1", unit_name: q.unit }] },
      unitgradingtype: "0",
      showunits: "3",
      unitsleft: "0",
    },
  }),
  matching: (q) => ({
    moodleType: "matching",
    ids: q.pairs.map((p) => p.id),
    fields: {
      shuffleanswers: "true",
      subquestion: [
        ...q.pairs.map((p) => ({ ...md(p.left), answer: { text: p.right } })),
        ...(q.distractors ?? []).map((d) => ({ ...md(""), answer: { text: d } })),
      ],
    },
  }),
  ordering: (q) => ({
    moodleType: "ordering",
    ids: q.items.map((i) => i.id),
    fields: {
      layouttype: "VERTICAL",
      selecttype: "ALL",
      selectcount: "0",
      gradingtype: "ABSOLUTE_POSITION",
      showgrading: "SHOW",
      numberingstyle: "none",
      answer: q.items.map((item, i) => ({ "@_fraction": String(i + 1), ...md(item.text) })),
    },
  }),
};

/** A tolerance as Moodle's absolute one: the half-width of the accepted range. */
function width(answer: number, tolerance: Tolerance): number {
  return tolerance.kind === "absolute" ? tolerance.value : Math.abs(answer) * tolerance.value;
}

function write(q: Question): Written | { skip: string } {
  const writer = WRITERS[q.type] as ((q: Question) => Written) | { skip: string };
  return typeof writer === "function" ? writer(q) : writer;
}

// XML 1.0 cannot carry these at all, not even as character references.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\r]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, indentBy: "  ", processEntities: true });

/** A whole bank as one Moodle XML file, with a category per chapter. */
export function questionsToMoodleXml(questions: readonly Question[]): XmlExport {
  const skipped: XmlExport["skipped"] = [];
  const warnings: XmlExport["warnings"] = [];
  const out: XNode[] = [];
  let category: string | null = null;
  for (const q of questions) {
    let unwritable = false;
    JSON.stringify(q, (_k, v: unknown) => {
      if (typeof v === "string" && NOT_XML.test(v)) unwritable = true;
      return v;
    });
    if (unwritable) {
      skipped.push({ id: q.id, message: "contains control characters (or a carriage return) that XML 1.0 cannot carry" });
      continue;
    }
    const written = write(q);
    if ("skip" in written) {
      skipped.push({ id: q.id, message: written.skip });
      continue;
    }
    if (q.chapter !== category) {
      category = q.chapter;
      out.push({ "@_type": "category", category: { text: `$course$/top/roundtrip/${q.chapter}` } });
    }
    const { moodleType, fields, ids, warning } = written;
    if (warning) warnings.push({ id: q.id, message: warning });
    out.push({
      "@_type": moodleType,
      name: { text: q.id.slice(q.id.indexOf("/") + 1) },
      questiontext: md(q.prompt),
      generalfeedback: md(q.explanation),
      defaultgrade: "1",
      // Moodle charges its penalty per try, and shows the next hint with each try: the nearest thing to a hint's cost.
      penalty: String(q.hints?.[0]?.cost ?? 0),
      hidden: "0",
      idnumber: q.id,
      ...fields,
      ...(q.hints ? { hint: q.hints.map((h) => md(h.text)) } : {}),
      tags: { tag: q.tags.map((t) => ({ text: t })) },
      roundtrip: JSON.stringify(metaOf(q, ids)),
    });
  }
  const text = builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" }, quiz: { question: out } }) as string;
  return { text, warnings, skipped };
}
