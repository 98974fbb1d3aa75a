import type { z } from "zod";
import {
  responseSchemas,
  type MatchingResponse,
  type MultipleResponse,
  type NumericResponse,
  type OrderingResponse,
  type Question,
  type QuestionType,
  type ShortAnswerResponse,
  type SingleResponse,
  type TrueFalseResponse,
} from "../../schemas/question";
import { matchingOptions, orderingPublicIds } from "./public-ids";

/** `field` names where the problem is, as a dotted path inside the response ("choiceIds.1", "matches.a"). */
export type ResponseError = { field: string; message: string };

/** The validated response, tagged with the question type so scoring can narrow without casts. */
export type ValidResponse =
  | { type: "single"; response: SingleResponse }
  | { type: "multiple"; response: MultipleResponse }
  | { type: "true_false"; response: TrueFalseResponse }
  | { type: "numeric"; response: NumericResponse }
  | { type: "estimate"; response: NumericResponse }
  | { type: "ordering"; response: OrderingResponse }
  | { type: "matching"; response: MatchingResponse }
  | { type: "short_answer"; response: ShortAnswerResponse };

export type ValidationResult = ({ ok: true } & ValidResponse) | { ok: false; error: ResponseError };

const shapeHints: Record<QuestionType, string> = {
  single: '{ "choiceId": string }',
  multiple: '{ "choiceIds": string[] }',
  true_false: '{ "value": boolean }',
  numeric: '{ "value": number }',
  estimate: '{ "value": number }',
  ordering: '{ "order": string[] }',
  matching: '{ "matches": { [leftId]: optionId } }',
  short_answer: '{ "text": string }',
};

const fail = (field: string, message: string): ValidationResult => ({ ok: false, error: { field, message } });

/** Turn the first zod issue into a field name a client developer can act on. */
function shapeError(type: QuestionType, error: z.ZodError): ValidationResult {
  const issue = error.issues[0];
  const hint = `a ${type} answer looks like ${shapeHints[type]}`;
  if (!issue) return fail("response", `invalid response; ${hint}`);
  if (issue.code === "unrecognized_keys") {
    return fail(issue.keys[0] ?? "response", `unexpected field(s) ${issue.keys.join(", ")}; ${hint}`);
  }
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "response";
  return fail(field, `${issue.message}; ${hint}`);
}

/**
 * Check a raw (untrusted, JSON-decoded) response against a question: the shape must fit the question's type
 * and every id must exist in it. Nothing is coerced: "42" is not a number and "true" is not a boolean.
 *
 * - single: the choice id must exist.
 * - multiple: ids must exist and be distinct; an empty list is a legal (zero-scoring) answer.
 * - numeric: a finite number (NaN, ±Infinity and strings are rejected).
 * - ordering: a permutation of the public item ids (every id exactly once).
 * - matching: keys are left ids, values public option ids, and no option is used twice; left items may be
 *   left out (they count as unmatched).
 * - short_answer: a string of at most SHORT_ANSWER_RESPONSE_MAX characters without NUL; empty scores 0.
 */
export function validateResponse(q: Question, raw: unknown): ValidationResult {
  switch (q.type) {
    case "single": {
      const parsed = responseSchemas.single.safeParse(raw);
      if (!parsed.success) return shapeError(q.type, parsed.error);
      const { choiceId } = parsed.data;
      if (!q.choices.some((c) => c.id === choiceId)) return fail("choiceId", `unknown choice id "${choiceId}"`);
      return { ok: true, type: "single", response: parsed.data };
    }
    case "multiple": {
      const parsed = responseSchemas.multiple.safeParse(raw);
      if (!parsed.success) return shapeError(q.type, parsed.error);
      const known = new Set(q.choices.map((c) => c.id));
      const bad = parsed.data.choiceIds.findIndex((id) => !known.has(id));
      if (bad >= 0) return fail(`choiceIds.${bad}`, `unknown choice id "${parsed.data.choiceIds[bad]}"`);
      return { ok: true, type: "multiple", response: parsed.data };
    }
    case "true_false": {
      const parsed = responseSchemas.true_false.safeParse(raw);
      if (!parsed.success) return shapeError(q.type, parsed.error);
      return { ok: true, type: "true_false", response: parsed.data };
    }
    case "numeric":
    case "estimate": {
      const parsed = responseSchemas.numeric.safeParse(raw);
      if (!parsed.success) return shapeError(q.type, parsed.error);
      // Belt and braces: zod 4 rejects non-finite numbers, but the contract must not depend on a version.
      if (!Number.isFinite(parsed.data.value)) return fail("value", "value must be a finite number");
      return q.type === "numeric" ? { ok: true, type: "numeric", response: parsed.data } : { ok: true, type: "estimate", response: parsed.data };
    }
    case "ordering": {
      const parsed = responseSchemas.ordering.safeParse(raw);
      if (!parsed.success) return shapeError(q.type, parsed.error);
      const ids = orderingPublicIds(q);
      const known = new Set(ids);
      const { order } = parsed.data;
      const bad = order.findIndex((id) => !known.has(id));
      if (bad >= 0) return fail(`order.${bad}`, `unknown item id "${order[bad]}"`);
      if (order.length !== ids.length) {
        return fail("order", `order must list all ${ids.length} items exactly once, got ${order.length}`);
      }
      return { ok: true, type: "ordering", response: parsed.data };
    }
    case "matching": {
      const parsed = responseSchemas.matching.safeParse(raw);
      if (!parsed.success) return shapeError(q.type, parsed.error);
      const lefts = new Set(q.pairs.map((p) => p.id));
      const options = new Set(matchingOptions(q).map((o) => o.id));
      const used = new Map<string, string>();
      for (const [leftId, optionId] of Object.entries(parsed.data.matches)) {
        if (!lefts.has(leftId)) return fail(`matches.${leftId}`, `unknown left item id "${leftId}"`);
        if (!options.has(optionId)) return fail(`matches.${leftId}`, `unknown option id "${optionId}"`);
        const other = used.get(optionId);
        if (other !== undefined) {
          return fail(
            `matches.${leftId}`,
            `option "${optionId}" is already matched to "${other}"; each option fits one item`,
          );
        }
        used.set(optionId, leftId);
      }
      return { ok: true, type: "matching", response: parsed.data };
    }
    case "short_answer": {
      const parsed = responseSchemas.short_answer.safeParse(raw);
      if (!parsed.success) return shapeError(q.type, parsed.error);
      return { ok: true, type: "short_answer", response: parsed.data };
    }
  }
}
