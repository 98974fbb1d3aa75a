import "server-only";
import { seededShuffle, toPublicQuestion, type QuestionLayout } from "@/lib/core/quiz";
import type { ChapterSlug } from "@/lib/schemas/question";
import type { MixedQuizSpec, QuizItem } from "@/lib/schemas/quiz-attempt";
import { renderMarkdown } from "@/lib/server/quiz/markdown";
import { publishedQuestions, type PinnedQuestion } from "@/lib/server/quiz/questions";

/** What the browser receives to take a quiz: answerless questions, the version each answer must name, HTML. */
export type { QuizItem };

/** The browser's view of one question, laid out as the attempt stored it. */
export function toQuizItem(p: PinnedQuestion, layout: QuestionLayout | string): QuizItem {
  const question = toPublicQuestion(p.question, layout);
  // The public prompt, not the authored one: an estimate's shows this attempt's values in place of {{names}}.
  return { question, version: p.version, promptHtml: renderMarkdown(question.prompt) };
}

/** Every published question of the chapter, in an order fixed by the seed. */
export async function chapterSelection(chapter: ChapterSlug, seed: string): Promise<PinnedQuestion[]> {
  return seededShuffle(await publishedQuestions({ chapters: [chapter] }), seed);
}

/**
 * `count` questions drawn from the chosen chapters at the chosen difficulty. Chapters take turns so a mix of
 * three chapters is not all from the first one; within a chapter the seed decides.
 */
export async function mixedSelection(spec: MixedQuizSpec, seed: string): Promise<PinnedQuestion[]> {
  const pinned = await publishedQuestions({
    chapters: spec.chapters,
    ...(spec.difficulty === "any" ? {} : { difficulty: spec.difficulty }),
  });
  const queues = spec.chapters.map((c) => seededShuffle(pinned.filter((p) => p.question.chapter === c), `${seed}|${c}`));
  const picked: PinnedQuestion[] = [];
  while (picked.length < spec.count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < spec.count) picked.push(next);
    }
  }
  return seededShuffle(picked, seed);
}
