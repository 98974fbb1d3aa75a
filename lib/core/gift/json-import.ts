// Reading our JSON question format with line numbers for every problem.
import { questionSchema } from "@/lib/schemas/question";
import type { GiftImport } from "./to-question";

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/** The line each element of the top-level array starts on (scans strings and nesting, not values). */
export function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  let expectValue = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "\n") line++;
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 1 && expectValue && ch !== "]") {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 1) expectValue = true;
  }
  return lines;
}

/**
 * Offset of the first syntax error, found by a small strict JSON scanner. JSON.parse does not always say
 * where it stopped (some V8 messages quote the text instead of giving a position), so we look ourselves.
 */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") {
        const next = text[i + 1] ?? "";
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== "") i += 2;
        else fail();
      } else if (ch < " ") fail();
      else i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (at) {
    return typeof at === "number" ? at : 0;
  }
  return 0;
}

/** Where JSON.parse gave up, as a line number and a message. */
function syntaxErrorLine(text: string, error: unknown): { line: number; message: string } {
  const raw = error instanceof Error ? error.message : "invalid JSON";
  // V8 sometimes quotes the whole input in its message; keep only the first clause.
  const message = raw.split(/,\s*"/)[0]?.replace(/\s*\(line \d+ column \d+\)/, "").replace(/ in JSON at position \d+/, "") ?? raw;
  const offset = syntaxErrorOffset(text);
  const near = text.slice(offset, offset + 12).split("\n")[0] ?? "";
  return { line: lineOf(text, offset), message: near ? `${message} (near "${near}")` : `${message} (at the end of the file)` };
}

/** Same result shape as the GIFT reader, so the import service treats both alike. */
export function jsonToQuestions(text: string): GiftImport {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const { line, message } = syntaxErrorLine(text, error);
    return { questions: [], errors: [{ line, message: `not valid JSON: ${message}` }], warnings: [] };
  }
  if (!Array.isArray(raw)) {
    return { questions: [], errors: [{ line: 1, message: "the file must be a JSON array of questions ([ {…}, {…} ])" }], warnings: [] };
  }
  const lines = topLevelElementLines(text);
  const result: GiftImport = { questions: [], errors: [], warnings: [] };
  const seen = new Map<string, number>();
  raw.forEach((element, i) => {
    const line = lines[i] ?? 1;
    const parsed = questionSchema.safeParse(element);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
        result.errors.push({ line, message: `question ${i + 1}: ${where}${issue.message}` });
      }
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      result.errors.push({ line, message: `question id "${parsed.data.id}" already appears on line ${first}` });
      return;
    }
    seen.set(parsed.data.id, line);
    result.questions.push({ line, question: parsed.data });
  });
  return result;
}
