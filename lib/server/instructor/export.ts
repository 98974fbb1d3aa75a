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
    case "gift":
      return written(`${stem}.gift.txt`, "text/plain; charset=utf-8", questions.length, questionsToGift(questions));
    case "xml":
      return written(`${stem}.moodle.xml`, "application/xml; charset=utf-8", questions.length, questionsToMoodleXml(questions));
  }
}

type Written = { text: string; warnings: { id: string; message: string }[]; skipped: { id: string; message: string }[] };

/** A GIFT or XML writer's output as a file: skipped questions are not counted, and their warnings are not repeated. */
function written(filename: string, contentType: string, total: number, out: Written): ExportFile {
  const skippedIds = new Set(out.skipped.map((k) => k.id));
  return {
    filename,
    contentType,
    body: out.text,
    count: total - out.skipped.length,
    warnings: out.warnings.filter((w) => !skippedIds.has(w.id)).map((w) => `${w.id}: ${w.message}`),
    skipped: out.skipped.map((w) => `${w.id}: ${w.message}`),
  };
}
