import "server-only";
import { db } from "@/lib/server/kernel/db";
import { giftToQuestions, moodleXmlToQuestions, type GiftImport } from "@/lib/core/gift";
import type { ImportQuestionsInput, ImportReport } from "@/lib/schemas/instructor";
import { AppError } from "@/lib/server/kernel/errors";
import { assertInstructor, type Actor } from "./gate";
import { jsonToQuestions } from "@/lib/core/gift/json-import";
import { insertQuestion } from "./questions";
/** One reader per format; each returns the same shape, so checks and reports are shared. */
export function analyseImport(input: Pick<ImportQuestionsInput, "format" | "text" | "defaults">): GiftImport {
  switch (input.format) {
    case "json":
      return jsonToQuestions(input.text);
    case "gift":
      return giftToQuestions(input.text, input.defaults);
    case "xml":
      return moodleXmlToQuestions(input.text, input.defaults);
  }
}

async function withExistingIds(result: GiftImport, existing: (ids: string[]) => Promise<Set<string>>): Promise<GiftImport> {
  const taken = await existing(result.questions.map((q) => q.question.id));
  const errors = [
    ...result.errors,
    ...result.questions
      .filter((q) => taken.has(q.question.id))
      .map((q) => ({ line: q.line, message: `question id "${q.question.id}" already exists in the bank` })),
  ].sort((a, b) => a.line - b.line);
  return { ...result, errors };
}

function report(result: GiftImport): ImportReport {
  if (result.errors.length > 0) return { ok: false, errors: result.errors, warnings: result.warnings };
  if (result.questions.length === 0) {
    return { ok: false, errors: [{ line: 1, message: "the file contains no question Roundtrip can import" }], warnings: result.warnings };
  }
  return {
    ok: true,
    warnings: result.warnings,
    questions: result.questions.map(({ line, question: q }) => ({
      line,
      id: q.id,
      type: q.type,
      chapter: q.chapter,
      section: q.section,
      prompt: q.prompt,
    })),
  };
}

/** What an import would create, or every problem with its line; nothing is written. */
export async function previewImport(actor: Actor, input: ImportQuestionsInput): Promise<ImportReport> {
  assertInstructor(actor);
  return checkImport(input);
}

/** The preview without a signed-in actor, for the questions CLI, whose operator already holds the database. */
export async function checkImport(input: Pick<ImportQuestionsInput, "format" | "text" | "defaults">): Promise<ImportReport> {
  const result = await withExistingIds(analyseImport(input), async (ids) => {
    const rows = await db.question.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  });
  return report(result);
}

class ImportRejected extends Error {
  constructor(readonly result: ImportReport) {
    super("import rejected");
  }
}

/**
 * All or nothing: the file is checked again inside one transaction (ids may have been taken since the
 * preview) and either every question is created, each with an audit row, or none is.
 */
export async function commitImport(actor: Actor, input: ImportQuestionsInput): Promise<ImportReport> {
  assertInstructor(actor);
  const analysed = analyseImport(input);
  try {
    return await db.$transaction(
      async (tx) => {
        const result = await withExistingIds(analysed, async (ids) => {
          const rows = await tx.question.findMany({ where: { id: { in: ids } }, select: { id: true } });
          return new Set(rows.map((r) => r.id));
        });
        const outcome = report(result);
        if (!outcome.ok) throw new ImportRejected(outcome);
        const status = input.publish ? "PUBLISHED" : "DRAFT";
        for (const { question, line } of result.questions) {
          await insertQuestion(tx, actor.id, question, status, "import", { format: input.format, line });
        }
        return outcome;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (error instanceof ImportRejected) return error.result;
    if (error instanceof AppError && error.status === 409) {
      return { ok: false, errors: [{ line: 1, message: error.message }], warnings: analysed.warnings };
    }
    throw error;
  }
}

export type { ImportReport };
