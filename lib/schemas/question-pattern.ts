import { RE2JS } from "re2js";

/**
 * Short-answer regular expressions run on RE2JS, a JavaScript port of RE2: matching is linear in the input
 * whatever the pattern, so an author's (or an importer's) pattern cannot hang the server (no ReDoS). RE2
 * syntax has no back-references or look-arounds; patterns using them are refused when the question is saved.
 * Patterns are capped at SHORT_ANSWER_PATTERN_MAX characters and responses at SHORT_ANSWER_RESPONSE_MAX.
 */
export type CompiledPattern = { matches(input: string): boolean };

export type PatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; message: string };

/**
 * Largest `{n}` / `{m,n}` repeat count allowed. Matching stays linear either way, but RE2 compiles a repeat
 * into that many copies, so `[a-z]{1000}` takes a fifth of a second to compile (measured with re2js 2.10);
 * answers never need long counted repeats.
 */
export const MAX_REPEAT = 100;

const CACHE_SIZE = 500;
const cache = new Map<string, PatternResult>();

function compileUncached(source: string, caseSensitive: boolean): PatternResult {
  for (const m of source.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[1]) > MAX_REPEAT || Number(m[2] || 0) > MAX_REPEAT) {
      return { ok: false, message: `regular expression repeats at most ${MAX_REPEAT} times ({${m[1]}${m[2] === undefined ? "" : `,${m[2]}`}} is too many)` };
    }
  }
  try {
    const re = RE2JS.compile(source, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    return { ok: true, pattern: { matches: (input) => re.matches(input) } };
  } catch (error) {
    const detail = error instanceof Error ? error.message : "invalid pattern";
    return { ok: false, message: `regular expression does not compile: ${detail}` };
  }
}

/**
 * Compile `source` for whole-response matching (`matches` is anchored at both ends). Results are cached (a
 * bounded map, oldest out first), so scoring a quiz does not recompile its patterns for every answer.
 */
export function compileAnswerPattern(source: string, caseSensitive: boolean): PatternResult {
  const key = `${caseSensitive ? "s" : "i"}:${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compileUncached(source, caseSensitive);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}
