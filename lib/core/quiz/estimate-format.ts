import type { EstimateTolerance } from "../../schemas/question";

/*
 * The parts of estimate questions the quiz pages need in the browser (tolerance and number display), kept apart
 * from estimate.ts so the candidate's bundle does not carry the formula parser.
 */

// ---------------------------------------------------------------------------------------------------------
// Tolerance
// ---------------------------------------------------------------------------------------------------------

const FLOAT_SLACK = 1e-9;

/** Largest power of ten not above x (x > 0), robust to log10 rounding. */
function decade(x: number): number {
  let p = 10 ** Math.floor(Math.log10(x));
  if (p > x) p /= 10;
  if (p * 10 <= x) p *= 10;
  return p;
}

/**
 * The accepted range for an estimate, inclusive. For `magnitude`, `max` is the next power of ten, which itself
 * is not accepted (`maxExclusive`).
 */
export function estimateRange(
  answer: number,
  tolerance: EstimateTolerance,
): { min: number; max: number; maxExclusive: boolean } {
  switch (tolerance.kind) {
    case "relative": {
      const d = Math.abs(answer) * tolerance.value;
      return { min: answer - d, max: answer + d, maxExclusive: false };
    }
    case "factor":
      return { min: answer / tolerance.value, max: answer * tolerance.value, maxExclusive: false };
    case "magnitude": {
      const p = decade(answer);
      return { min: p, max: p * 10, maxExclusive: true };
    }
  }
}

/** Whether `value` is accepted for `answer` (answers are positive; see estimateIssues). */
export function withinEstimate(value: number, answer: number, tolerance: EstimateTolerance): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(answer)) return false;
  const { min, max, maxExclusive } = estimateRange(answer, tolerance);
  const slack = FLOAT_SLACK * Math.max(Math.abs(answer), Math.abs(value));
  if (value < min - slack) return false;
  return maxExclusive ? value < max - slack : value <= max + slack;
}

/** "±10 %", "within a factor of 2", "the right power of ten": how the tolerance reads to a candidate. */
export function describeEstimateTolerance(t: EstimateTolerance): string {
  switch (t.kind) {
    case "relative":
      return `within ±${formatNumber(t.value * 100)} %`;
    case "factor":
      return `within a factor of ${formatNumber(t.value)}`;
    case "magnitude":
      return "the right power of ten";
  }
}

// ---------------------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------------------

const scales: [number, string][] = [
  [1e12, "trillion"],
  [1e9, "billion"],
  [1e6, "million"],
];

/**
 * A number as a person writes it in an estimate: "12 million", "45,000", "0.25", "99.95". At most `sig`
 * significant figures (drawn values already have few), never scientific notation.
 */
export function formatNumber(x: number, sig = 4): string {
  if (!Number.isFinite(x)) return "—";
  const abs = Math.abs(x);
  for (const [size, word] of scales) {
    if (abs >= size) {
      return `${new Intl.NumberFormat("en-US", { maximumSignificantDigits: sig }).format(x / size)} ${word}`;
    }
  }
  if (abs !== 0 && abs < 1e-4) return x.toExponential(Math.max(0, sig - 1)).replace("e", " × 10^");
  // Just under 1 (an availability), keep two digits of what is missing: 0.999999 must not print as 1.
  const digits = abs > 0.5 && abs < 1 ? Math.max(sig, Math.ceil(-Math.log10(1 - abs)) + 2) : sig;
  return new Intl.NumberFormat("en-US", { maximumSignificantDigits: Math.min(21, digits) }).format(x);
}

/** A number and its unit: "12 million DAU", "45 ms", "99.9 %". */
export function formatQuantity(x: number, unit: string, sig = 4): string {
  return unit ? `${formatNumber(x, sig)} ${unit}` : formatNumber(x, sig);
}
