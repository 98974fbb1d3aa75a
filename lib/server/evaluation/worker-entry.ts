// The code one evaluator thread runs. pool.ts bundles this file (with the evaluator) into a single ES module
// when the pool starts, so a thread loads in a fraction of a second and needs no TypeScript loader.
import { evaluateDesign, type EvaluateOutcome } from "../../core/evaluator/index";

export default function evaluate({ input, seed }: { input: unknown; seed?: number }): EvaluateOutcome {
  return evaluateDesign(input, seed === undefined ? {} : { seed });
}
