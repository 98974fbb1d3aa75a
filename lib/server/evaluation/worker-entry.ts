// The code one evaluator thread runs. pool.ts bundles this file (with the evaluator) into a single ES module
// when the pool starts, so a thread loads in a fraction of a second and needs no TypeScript loader.
// Each export is a task piscina runs by name. Everything proportional to a design's size happens here, not on
// the request thread: parsing a 1 MB body, walking it for hostile shapes, validating it, scoring it, and
// serialising the result. The request thread only moves strings (a memcpy) and small objects.
import { evaluateDesign, type EvaluateOutcome, type EvaluationResult } from "../../core/evaluator/index";
import { MAX_EDGES, MAX_NODES, type Design } from "../../core/evaluator/schema";
import type { ValidationError } from "../../core/evaluator/validate";
import { structuralDiff } from "../../core/canvas/diff";
import { findHostile } from "../../schemas/boundary";
import { designSizeProblem, type SizeLimits } from "./design-size";
import badDesign from "../../core/evaluator/examples/bad-design.json";
import chatWebsockets from "../../core/evaluator/examples/chat-websockets.json";
import generated50 from "../../core/evaluator/examples/generated-50.json";
import globalReadHeavy from "../../core/evaluator/examples/global-read-heavy.json";
import paymentsIdempotency from "../../core/evaluator/examples/payments-idempotency.json";
import requestJourney from "../../core/evaluator/examples/request-journey.json";
import singleServer from "../../core/evaluator/examples/single-server.json";
import threeTier from "../../core/evaluator/examples/three-tier.json";
import videoQuic from "../../core/evaluator/examples/video-quic.json";

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

// The examples the pool's start-up warm-up evaluates (pool.ts warmUp explains why): one round is every example once
// (the percentile methods and finding families a small design reaches) and the 50-node design four times (the
// sampler and larger tables only it reaches), each through evaluateText, the path a request takes. After ten rounds
// generated-50's first served evaluation took 10 ms of CPU and the median of 200 5.8 ms, where a cold thread's first
// took 210 ms (bench:evaluator, "served" and "first call" rows, load ~20).
const WARMUP_ROUND = [
  ...[badDesign, chatWebsockets, globalReadHeavy, paymentsIdempotency, requestJourney, singleServer, threeTier, videoQuic],
  ...Array.from({ length: 4 }, () => generated50),
].map((doc) => JSON.stringify(doc));
const WARMUP_STEPS = 10 * WARMUP_ROUND.length;

/** One step of the warm-up: evaluates one example; `remaining` is how many steps are left after this one. */
export function warm({ step }: { step: number }): { remaining: number } {
  const text = WARMUP_ROUND[step % WARMUP_ROUND.length] as string;
  if (!evaluateText({ text, limits: { maxNodes: MAX_NODES, maxEdges: MAX_EDGES } }).ok) throw new Error("a warm-up example did not evaluate");
  return { remaining: Math.max(0, WARMUP_STEPS - step - 1) };
}
