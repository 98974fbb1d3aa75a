import "server-only";
import { questionsToGift, questionsToMoodleXml } from "@/lib/core/gift";
import type { ImportFormat, QuestionStatus } from "@/lib/schemas/instructor";
import type { Question } from "@/lib/schemas/question";
import type { Actor } from "./gate";
import { currentQuestions } from "./questions";

export type ExportFile = {
  filename: string;
  contentType: string;
  body: string;
  /** Questions written to the file (skipped ones excluded). */
  count: number;
  warnings: string[];
  /** Questions the format cannot hold, each with why; they are not in `body`. */
  skipped: string[];
};

export type ExportOptions = { format: ImportFormat; chapter?: string; status?: QuestionStatus };

/** The current version of each matching question as our JSON format, GIFT or Moodle XML. */
export async function exportQuestions(actor: Actor, options: ExportOptions): Promise<ExportFile> {
  return renderExport(await currentQuestions(actor, options), options);
}

/** One writer per format; shared by the download route and the questions CLI. */
export function renderExport(questions: readonly Question[], options: ExportOptions): ExportFile {
  const stem = `roundtrip-questions${options.chapter ? `-${options.chapter}` : ""}${options.status ? `-${options.status.toLowerCase()}` : ""}`;
  switch (options.format) {
    case "json":
      return {
        filename: `${stem}.json`,
        contentType: "application/json; charset=utf-8",
        body: `${JSON.stringify(questions, null, 2)}\n`,
        count: questions.length,
        warnings: [],
        skipped: [],
      };
    case "gift": {
      const gift = questionsToGift(questions);
      return {
        filename: `${stem}.gift.txt`,
        contentType: "text/plain; charset=utf-8",
        body: gift.text,
        count: questions.length - gift.skipped.length,
        warnings: gift.warnings.filter((w) => !gift.skipped.some((k) => k.id === w.id)).map((w) => `${w.id}: ${w.message}`),
        skipped: gift.skipped.map((w) => `${w.id}: ${w.message}`),
      };
    }
    case "xml": {
      const xml = questionsToMoodleXml(questions);
      return {
        filename: `${stem}.moodle.xml`,
        contentType: "application/xml; charset=utf-8",
        body: xml.text,
        count: questions.length - xml.skipped.length,
        warnings: xml.warnings.map((w) => `${w.id}: ${w.message}`),
        skipped: xml.skipped.map((w) => `${w.id}: ${w.message}`),
      };
    }
  }
}
