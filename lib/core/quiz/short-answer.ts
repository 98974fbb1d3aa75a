import { compileAnswerPattern } from "../../schemas/question-pattern";
import type { ShortAnswerAccepted, ShortAnswerQuestion } from "../../schemas/question";

/**
 * Normalise a typed answer by the question's whitespace rule. Case is left alone: text answers compare with
 * a locale-free lower-casing, patterns with RE2's case-insensitive flag, so "ß" and friends behave the same
 * on the server and in tests. Unicode is NFC-normalised so "é" typed two ways is one answer.
 */
export function normaliseShortAnswer(text: string, whitespace: ShortAnswerQuestion["whitespace"]): string {
  const nfc = text.normalize("NFC");
  switch (whitespace ?? "collapse") {
    case "exact":
      return nfc;
    case "ignore":
      return nfc.replace(/\s+/gu, "");
    case "collapse":
      return nfc.trim().replace(/\s+/gu, " ");
  }
}

function textMatches(q: ShortAnswerQuestion, accepted: string, response: string): boolean {
  const want = normaliseShortAnswer(accepted, q.whitespace);
  return q.caseSensitive === true ? want === response : want.toLowerCase() === response.toLowerCase();
}

/**
 * The first accepted answer (in authored order) that `text` matches, or null. Regular expressions run on RE2
 * (linear time) against the whole normalised response; a pattern that does not compile never matches (the
 * schema refuses such questions, so this only guards stored data written before a rule changed).
 */
export function matchShortAnswer(q: ShortAnswerQuestion, text: string): ShortAnswerAccepted | null {
  const response = normaliseShortAnswer(text, q.whitespace);
  if (response === "") return null;
  for (const accepted of q.answers) {
    if (accepted.match === "text") {
      if (textMatches(q, accepted.value, response)) return accepted;
      continue;
    }
    const compiled = compileAnswerPattern(accepted.value, q.caseSensitive === true);
    if (compiled.ok && compiled.pattern.matches(response)) return accepted;
  }
  return null;
}
