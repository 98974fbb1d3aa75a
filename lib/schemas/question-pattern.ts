import { RE2JS } from "re2js";

/**
 * Short-answer regular expressions run on RE2JS, a JavaScript port of RE2: matching is linear in the input
 * whatever the pattern, so an author's (or an importer's) pattern cannot hang the server (no ReDoS). RE2
 * syntax has no back-references or look-arounds; patterns using them are refused when the question is saved.
 * Patterns are capped at SHORT_ANSWER_PATTERN_MAX characters and responses at SHORT_ANSWER_RESPONSE_MAX.
 */
export type CompiledPattern = { matches(input: string): boolean };

export type PatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; message: string };

/** Compile `source` for whole-response matching (`matches` is anchored at both ends). */
export function compileAnswerPattern(source: string, caseSensitive: boolean): PatternResult {
  try {
    const re = RE2JS.compile(source, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    return { ok: true, pattern: { matches: (input) => re.matches(input) } };
  } catch (error) {
    const detail = error instanceof Error ? error.message : "invalid pattern";
    return { ok: false, message: `regular expression does not compile: ${detail}` };
  }
}
