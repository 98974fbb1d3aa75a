// Pure quiz core: no framework, database or Node imports, so it runs in the browser, on the server and in tests.
export { toPublicQuestion } from "./public-question";
export { dealLayout, estimateValues } from "./layout";
export {
  checkFormula,
  drawValues,
  evaluateFormula,
  renderPrompt,
} from "./estimate";
export { estimateRange, formatNumber, formatQuantity, withinEstimate } from "./estimate-format";
export type { QuestionLayout } from "./layout";
export { validateResponse } from "./validate";
export {
  acceptedRange,
  applyHintCost,
  gradeFromScore,
  ratingNames,
  scoreResponse,
  suggestRating,
  withinTolerance,
} from "./score";
export type { RatingName } from "./score";
export { matchingOptions, orderingPublicIds } from "./public-ids";
export { seededShuffle } from "./random";
export { correctResponse } from "./correct-response";
export { endOfLocalDay, isTimeZone, startOfLocalDay } from "./review-day";
export { unanswerableReason } from "./answerable";
export { matchShortAnswer } from "./short-answer";
