// Pure GIFT (Moodle) reader and writer: no framework, database or Node imports.
export { escapeGift, unescapeGift } from "./escape";
export { parseGift, META_PREFIX } from "./parse";
export type { GiftBody, GiftItem, GiftParseResult, GiftProblem } from "./parse";
export { giftToQuestions, giftMetaSchema, kebabName } from "./to-question";
export type { GiftImport, GiftMeta, ImportDefaults, ImportedQuestion } from "./to-question";
export { questionToGift, questionsToGift } from "./serialize";
export type { GiftExport } from "./serialize";
