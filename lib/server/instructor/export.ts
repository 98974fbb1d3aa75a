import "server-only";
import { questionsToGift } from "@/lib/gift";
import type { ImportFormat, QuestionStatus } from "@/lib/schemas/instructor";
import type { Actor } from "./gate";
import { currentQuestions } from "./questions";

export type ExportFile = { filename: string; contentType: string; body: string; count: number; warnings: string[] };

/** The current version of each matching question as our JSON format or as GIFT. */
export async function exportQuestions(
  actor: Actor,
  options: { format: ImportFormat; chapter?: string; status?: QuestionStatus },
): Promise<ExportFile> {
  const questions = await currentQuestions(actor, options);
  const stem = `roundtrip-questions${options.chapter ? `-${options.chapter}` : ""}${options.status ? `-${options.status.toLowerCase()}` : ""}`;
  if (options.format === "json") {
    return {
      filename: `${stem}.json`,
      contentType: "application/json; charset=utf-8",
      body: `${JSON.stringify(questions, null, 2)}\n`,
      count: questions.length,
      warnings: [],
    };
  }
  const gift = questionsToGift(questions);
  return {
    filename: `${stem}.gift.txt`,
    contentType: "text/plain; charset=utf-8",
    body: gift.text,
    count: questions.length,
    warnings: gift.warnings.map((w) => `${w.id}: ${w.message}`),
  };
}
