// Pure GIFT (Moodle) reader and writer: no framework, database or Node imports.
export { escapeGift, unescapeGift } from "./escape";
export { parseGift } from "./parse";
export type { GiftProblem } from "./parse";
export { giftToQuestions } from "./to-question";
export type { GiftImport, ImportDefaults } from "./to-question";
export { questionsToGift } from "./serialize";
export { htmlToMarkdown, moodleXmlToQuestions, questionsToMoodleXml } from "./moodle-xml";
