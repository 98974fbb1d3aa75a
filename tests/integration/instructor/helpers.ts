import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/kernel/db";
import { questionSchema, type NumericQuestion, type Question } from "@/lib/schemas/question";
import type { Actor } from "@/lib/server/instructor/gate";
import { AppError } from "@/lib/server/kernel/errors";
import { refusedWith } from "../../support/refusal";

export const uid = () => randomBytes(4).toString("hex");

export async function makeUser(role: "CANDIDATE" | "INSTRUCTOR" | "ADMIN", prefix = "instr"): Promise<Actor & { email: string }> {
  const user = await db.user.create({
    data: { email: `${prefix}-${uid()}@example.test`, name: `${role.toLowerCase()} ${prefix}`, passwordHash: "unused", role },
  });
  return { id: user.id, role: user.role, email: user.email };
}

export function numericQuestion(name = `numeric-${uid()}`, overrides: Partial<Record<string, unknown>> = {}): NumericQuestion {
  const q = questionSchema.parse({
    id: `latency/${name}`,
    type: "numeric",
    chapter: "latency",
    section: "latency-numbers",
    difficulty: "medium",
    tags: ["latency"],
    prompt: "A round trip takes 40 ms. How long do two sequential round trips take?",
    explanation: "Sequential round trips add up: 2 × 40 ms = 80 ms.",
    answer: 80,
    tolerance: { kind: "absolute", value: 1 },
    unit: "ms",
    ...overrides,
  });
  if (q.type !== "numeric") throw new Error("fixture is not numeric");
  return q;
}

export function singleQuestion(name = `single-${uid()}`): Question {
  return questionSchema.parse({
    id: `dns/${name}`,
    type: "single",
    chapter: "dns",
    section: "record-types",
    difficulty: "easy",
    tags: ["dns"],
    prompt: "Which record maps a name to an IPv6 address?",
    explanation: "AAAA holds IPv6 addresses; A holds IPv4.",
    choices: [
      { id: "a", text: "A", correct: false, feedback: "A is for IPv4." },
      { id: "b", text: "AAAA", correct: true, feedback: "Right." },
      { id: "c", text: "MX", correct: false, feedback: "MX names mail servers." },
    ],
  });
}

/** Store a submitted attempt the way the quiz does, pinned to the given versions. */
export async function recordAttempt(
  userId: string,
  answers: { questionId: string; version: number; score: number; response: unknown; timeMs?: number }[],
): Promise<string> {
  const versions = await db.questionVersion.findMany({
    where: { OR: answers.map((a) => ({ questionId: a.questionId, version: a.version })) },
    select: { id: true, questionId: true, version: true },
  });
  const idOf = new Map(versions.map((v) => [`${v.questionId}@${v.version}`, v.id]));
  const score = answers.reduce((s, a) => s + a.score, 0);
  const attempt = await db.quizAttempt.create({
    data: {
      userId,
      idempotencyKey: uid(),
      requestHash: uid(),
      kind: "mixed",
      score,
      maxScore: answers.length,
      correctCount: answers.filter((a) => a.score === 1).length,
      questionCount: answers.length,
      durationMs: 60_000,
      startedAt: new Date(Date.now() - 60_000),
      answers: {
        create: answers.map((a, position) => ({
          questionVersionId: idOf.get(`${a.questionId}@${a.version}`) as string,
          questionId: a.questionId,
          position,
          response: a.response as object,
          score: a.score,
          correct: a.score === 1,
          timeMs: a.timeMs ?? 5000,
        })),
      },
    },
  });
  return attempt.id;
}

/** The AppError a service call was refused with; fails the test if it went through or threw anything else. */
export const refused = (p: Promise<unknown>) => refusedWith(p, AppError);
