/**
 * Choices a, b, c… for a question whose choices carry weights, from [correct, weight] rows (weight undefined:
 * none given). Text and feedback are placeholders: the weighted-credit tests (schema refusals, scoring, the GIFT
 * round trip, the service's 400) assert on ids and weights only.
 */
export function weightedChoices(rows: [correct: boolean, weight: number | undefined][]) {
  return rows.map(([correct, weight], i) => ({
    id: String.fromCharCode(97 + i),
    text: `T${i}`,
    correct,
    feedback: "f",
    ...(weight === undefined ? {} : { weight }),
  }));
}
