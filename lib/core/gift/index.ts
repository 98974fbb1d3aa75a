// Pure GIFT (Moodle) reader and writer: no framework, database or Node imports.
export { escapeGift, unescapeGift } from "./escape";
export { parseGift, META_PREFIX } from "./parse";
export type { GiftBody, GiftItem, GiftParseResult, GiftProblem } from "./parse";
export { giftToQuestions, giftMetaSchema, itemsToQuestions, kebabName } from "./to-question";
export type { GiftImport, GiftMeta, ImportDefaults, ImportedQuestion } from "./to-question";
export { questionToGift, questionsToGift } from "./serialize";
export type { GiftExport } from "./serialize";
export { htmlToMarkdown, moodleXmlToQuestions, questionsToMoodleXml, readMoodleXml, MAX_XML_CHARS } from "./moodle-xml";
export type { XmlExport } from "./moodle-xml";
