import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Question } from "@/lib/schemas/question";
import type { SubmitAttemptInput } from "@/lib/schemas/quiz-attempt";
import { publishedQuestions } from "@/lib/server/quiz/questions";
import { correctResponse } from "../../unit/quiz/correct-response";

export async function makeUser(prefix = "quiz"): Promise<string> {
  const user = await db.user.create({
    data: { email: `${prefix}-${randomBytes(5).toString("hex")}@example.test`, name: "Quiz Tester", passwordHash: "unused" },
  });
  return user.id;
}

export { correctResponse };

/** A wrong but well-formed response, so tests can exercise the "Again" path. */
export function wrongResponse(q: Question): unknown {
  switch (q.type) {
    case "single":
      return { choiceId: q.choices.find((c) => !c.correct)?.id };
    case "multiple":
      return { choiceIds: q.choices.filter((c) => !c.correct).map((c) => c.id) };
    case "true_false":
      return { value: !q.answer };
    case "numeric":
      return { value: q.answer * 1000 + 12345 };
    case "ordering": {
      const right = correctResponse(q) as { order: string[] };
      return { order: [...right.order].reverse() };
    }
    case "matching":
      return { matches: {} };
  }
}

export async function chapterQuestions(chapter: string) {
  return publishedQuestions({ chapters: [chapter] });
}

export async function attemptBody(
  chapter: string,
  count: number,
  respond: (q: Question) => unknown = correctResponse,
): Promise<SubmitAttemptInput> {
  const qs = (await chapterQuestions(chapter)).slice(0, count);
  return {
    idempotencyKey: randomUUID(),
    kind: "chapter",
    chapter: chapter as SubmitAttemptInput["chapter"],
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    answers: qs.map((p) => ({ questionId: p.question.id, version: p.version, response: respond(p.question), timeMs: 5000 })),
  };
}
