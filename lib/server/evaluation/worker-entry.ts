// The code one evaluator thread runs. pool.ts bundles this file (with the evaluator) into a single ES module
// when the pool starts, so a thread loads in a fraction of a second and needs no TypeScript loader.
// Each export is a task piscina runs by name. Everything proportional to a design's size happens here, not on
// the request thread: parsing a 1 MB body, walking it for hostile shapes, validating it, scoring it, and
// serialising the result. The request thread only moves strings (a memcpy) and small objects.
import { evaluateDesign, type EvaluateOutcome, type EvaluationResult } from "../../core/evaluator/index";
import type { Design } from "../../core/evaluator/schema";
import type { ValidationError } from "../../core/evaluator/validate";
import { structuralDiff } from "../../core/canvas/diff";
import { findHostile } from "../../schemas/boundary";
import { designSizeProblem, type SizeLimits } from "./design-size";

export default function evaluate({ input, seed }: { input: unknown; seed?: number }): EvaluateOutcome {
  return evaluateDesign(input, seed === undefined ? {} : { seed });
}

/** A body refused before scoring: 400 (not JSON, or a hostile shape) or 413 (over the size limits). */
export type TextRefusal = { ok: false; refused: { status: 400 | 413; message: string; field: string } };
export type TextOutcome = { ok: true; json: string } | { ok: false; errors: ValidationError[] } | TextRefusal;

/** A raw JSON request body in, the result already serialised (the request thread sends it as it is). */
export function evaluateText({ text, seed, limits }: { text: string; seed?: number; limits: SizeLimits }): TextOutcome {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { ok: false, refused: { status: 400, message: "The body is not valid JSON.", field: "body" } };
  }
  const hostile = findHostile(input);
  if (hostile) return { ok: false, refused: { status: 400, message: `${hostile.path}: ${hostile.message}`, field: hostile.path } };
  const tooLarge = designSizeProblem(input, limits);
  if (tooLarge) return { ok: false, refused: { status: 413, ...tooLarge } };
  const outcome = evaluateDesign(input, seed === undefined ? {} : { seed });
  return outcome.ok ? { ok: true, json: JSON.stringify(outcome.result) } : outcome;
}

export type Comparison = {
  referenceResult: EvaluationResult;
  candidateResult: EvaluationResult;
  diff: ReturnType<typeof structuralDiff>;
};

/** The reference design against the candidate's: both scored, and the structural diff (which scores the
 * reference once per difference, so it is the costliest page there is). Null when either does not validate. */
export function compare({ candidate, reference, seed }: { candidate: Design; reference: Design; seed: number }): Comparison | null {
  const scored = new Map<Design, EvaluationResult | null>(); // structuralDiff scores both documents again
  const score = (doc: Design) => {
    if (!scored.has(doc)) {
      const out = evaluateDesign(doc, { seed });
      scored.set(doc, out.ok ? out.result : null);
    }
    return scored.get(doc) ?? null;
  };
  const referenceResult = score(reference);
  const candidateResult = score(candidate);
  if (!referenceResult || !candidateResult) return null;
  return { referenceResult, candidateResult, diff: structuralDiff(candidate, reference, score) };
}
