import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/kernel/db";
import { unanswerableReason } from "@/lib/core/quiz";
import { AppError } from "@/lib/server/kernel/errors";
import type { QuestionFilters, QuestionStatus, QuestionTransition } from "@/lib/schemas/instructor";
import { questionSchema, type Question } from "@/lib/schemas/question";
import { assertInstructor, type Actor } from "./gate";
import { appendVersion, auditTrail, type AuditEntry, orConflict, parsedCurrentVersions, savedMeanwhile } from "./versions";

type Tx = Prisma.TransactionClient;

export type QuestionRow = {
  id: string;
  chapter: string;
  section: string;
  type: Question["type"];
  difficulty: Question["difficulty"];
  tags: string[];
  status: QuestionStatus;
  currentVersion: number;
  prompt: string;
  updatedAt: Date;
};

const asJson = (q: Question) => q as unknown as Prisma.InputJsonValue;
// The list shows a version's prompt only; a version whose data has none lists with an empty one.
const promptSchema = z.object({ prompt: z.string() });

export async function audit(
  tx: Tx,
  actorId: string,
  action: string,
  entityId: string,
  detail: Record<string, unknown> = {},
  entity = "question",
): Promise<void> {
  await tx.auditLog.create({
    data: { actorId, action, entity, entityId, detail: detail as Prisma.InputJsonValue },
  });
}

/** Top-level fields whose value differs, for the audit trail ("edited prompt, choices"). */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((after as Record<string, unknown>)[k]))
    .sort();
}

/** The authoring list, newest first. Search looks at the id, prompt and tags of the current version. */
/** The columns both the question list and the question page show. */
const QUESTION_COLUMNS = {
  id: true,
  chapter: true,
  section: true,
  type: true,
  difficulty: true,
  tags: true,
  status: true,
  currentVersion: true,
  updatedAt: true,
} as const;

export async function listQuestions(actor: Actor, filters: QuestionFilters): Promise<QuestionRow[]> {
  assertInstructor(actor);
  const rows = await db.question.findMany({
    where: {
      ...(filters.chapter ? { chapter: filters.chapter } : {}),
      ...(filters.type ? { type: filters.type } : {}),
      ...(filters.difficulty ? { difficulty: filters.difficulty } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.tag ? { tags: { has: filters.tag } } : {}),
    },
    orderBy: [{ chapter: "asc" }, { id: "asc" }],
    select: {
      ...QUESTION_COLUMNS,
      versions: { select: { version: true, data: true }, orderBy: { version: "desc" }, take: 1 },
    },
  });
  const needle = filters.q?.toLowerCase();
  return rows
    .map((r) => {
      const prompt = promptSchema.safeParse(r.versions[0]?.data).data?.prompt ?? "";
      return {
        id: r.id,
        chapter: r.chapter,
        section: r.section,
        type: r.type,
        difficulty: r.difficulty,
        tags: r.tags,
        status: r.status,
        currentVersion: r.currentVersion,
        prompt,
        updatedAt: r.updatedAt,
      };
    })
    .filter((r) => !needle || [r.id, r.prompt, ...r.tags].some((s) => s.toLowerCase().includes(needle)));
}

export type QuestionDetail = {
  row: Omit<QuestionRow, "prompt">;
  question: Question;
  answerCount: number;
  versions: { version: number; createdAt: Date; author: string | null; answers: number }[];
  audit: AuditEntry[];
};

export async function getQuestionDetail(actor: Actor, id: string): Promise<QuestionDetail | null> {
  assertInstructor(actor);
  const row = await db.question.findUnique({
    where: { id },
    select: {
      ...QUESTION_COLUMNS,
      versions: {
        orderBy: { version: "desc" },
        select: { id: true, version: true, data: true, createdAt: true, createdById: true, _count: { select: { answers: true } } },
      },
    },
  });
  if (!row) return null;
  const current = row.versions.find((v) => v.version === row.currentVersion) ?? row.versions[0];
  if (!current) return null;
  const audit = await auditTrail("question", id);
  const authorIds = [...new Set(row.versions.flatMap((v) => (v.createdById ? [v.createdById] : [])))];
  const authors = new Map(
    (await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const { versions, ...rest } = row;
  return {
    row: rest,
    question: questionSchema.parse(current.data),
    answerCount: versions.reduce((n, v) => n + v._count.answers, 0),
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      author: v.createdById ? (authors.get(v.createdById) ?? null) : null,
      answers: v._count.answers,
    })),
    audit,
  };
}

function rowFields(q: Question) {
  return { chapter: q.chapter, section: q.section, type: q.type, difficulty: q.difficulty, tags: q.tags };
}

/** Inside a transaction: insert a new question (version 1). Throws 409 when the id is taken. */
export async function insertQuestion(
  tx: Tx,
  actorId: string,
  question: Question,
  status: QuestionStatus,
  action: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  const taken = await tx.question.findUnique({ where: { id: question.id }, select: { id: true } });
  if (taken) throw new AppError(409, `question id "${question.id}" already exists; choose another id`);
  await tx.question.create({
    data: {
      id: question.id,
      ...rowFields(question),
      status,
      currentVersion: 1,
      createdById: actorId,
      versions: { create: { version: 1, data: asJson(question), createdById: actorId } },
    },
  });
  await audit(tx, actorId, action, question.id, { version: 1, status, ...detail });
}


export async function createQuestion(actor: Actor, question: Question): Promise<{ id: string; version: number }> {
  assertInstructor(actor);
  await orConflict(
    () => db.$transaction((tx) => insertQuestion(tx, actor.id, question, "DRAFT", "create")),
    () => new AppError(409, `question id "${question.id}" already exists; choose another id`),
  );
  return { id: question.id, version: 1 };
}

/**
 * Save an edit as a new version. Versions are immutable (attempts point at them, and the quiz caches their
 * content), so every save, draft or published, appends one; earlier attempts stay pinned to theirs.
 * The id, chapter and type are the question's identity and cannot change.
 */
export async function updateQuestion(
  actor: Actor,
  id: string,
  baseVersion: number,
  question: Question,
): Promise<{ id: string; version: number; changed: string[] }> {
  assertInstructor(actor);
  return orConflict(
    () => db.$transaction(async (tx) => {
      const row = await tx.question.findUnique({ where: { id }, select: { id: true, type: true, chapter: true, currentVersion: true } });
      if (!row) throw new AppError(404, "No such question.");
      if (question.id !== id) throw new AppError(400, "question.id: the id of a saved question cannot change");
      if (question.type !== row.type) throw new AppError(400, "question.type: the type of a saved question cannot change; create a new question instead");
      if (question.chapter !== row.chapter) throw new AppError(400, "question.chapter: the chapter is part of the id and cannot change");
      const saved = await appendVersion({
        noun: "question",
        baseVersion,
        currentVersion: row.currentVersion,
        current: async () => {
          const current = await tx.questionVersion.findUnique({ where: { questionId_version: { questionId: id, version: row.currentVersion } }, select: { data: true } });
          return current ? questionSchema.safeParse(current.data) : { success: false };
        },
        next: question,
        changedFields,
        write: async (version, from) => {
          await tx.questionVersion.create({ data: { questionId: id, version, data: asJson(question), createdById: actor.id } });
          const updated = await tx.question.updateMany({ where: { id, currentVersion: from }, data: { ...rowFields(question), currentVersion: version } });
          return updated.count;
        },
        audit: (version, changed) => audit(tx, actor.id, "edit", id, { version, fields: changed }),
      });
      return { id, ...saved };
    }),
    () => savedMeanwhile("question"),
  );
}

const TRANSITIONS: Record<QuestionTransition, { from: QuestionStatus[]; to: QuestionStatus }> = {
  publish: { from: ["DRAFT", "RETIRED"], to: "PUBLISHED" },
  unpublish: { from: ["PUBLISHED"], to: "DRAFT" },
  retire: { from: ["DRAFT", "PUBLISHED"], to: "RETIRED" },
};

export async function setQuestionStatus(
  actor: Actor,
  id: string,
  transition: QuestionTransition,
): Promise<{ id: string; status: QuestionStatus }> {
  assertInstructor(actor);
  return db.$transaction(async (tx) => {
    const row = await tx.question.findUnique({ where: { id }, select: { status: true, currentVersion: true } });
    if (!row) throw new AppError(404, "No such question.");
    const rule = TRANSITIONS[transition];
    if (!rule.from.includes(row.status)) {
      throw new AppError(409, `A ${row.status.toLowerCase()} question cannot be ${transition === "retire" ? "retired" : `${transition}ed`}.`);
    }
    if (rule.to === "PUBLISHED") {
      // The version candidates would get must parse and be answerable in full through its preview.
      const version = await tx.questionVersion.findUnique({ where: { questionId_version: { questionId: id, version: row.currentVersion } } });
      const parsed = questionSchema.safeParse(version?.data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(400, `question.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}; fix it before publishing`);
      }
      const reason = unanswerableReason(parsed.data);
      if (reason) throw new AppError(400, `This question cannot be published: ${reason}.`);
    }
    const updated = await tx.question.updateMany({ where: { id, status: row.status }, data: { status: rule.to } });
    if (updated.count !== 1) throw new AppError(409, "The question changed meanwhile; reload and try again.");
    await audit(tx, actor.id, transition, id, { from: row.status, to: rule.to, version: row.currentVersion });
    return { id, status: rule.to };
  });
}

/** Hard delete, only for drafts nobody has ever answered; anything else is retired instead. */
export async function deleteQuestion(actor: Actor, id: string): Promise<{ id: string }> {
  assertInstructor(actor);
  return db.$transaction(async (tx) => {
    const row = await tx.question.findUnique({ where: { id }, select: { status: true } });
    if (!row) throw new AppError(404, "No such question.");
    if (row.status !== "DRAFT") throw new AppError(409, "Only drafts can be deleted; retire a published question instead.");
    const answers = await tx.quizAnswer.count({ where: { questionId: id } });
    if (answers > 0) throw new AppError(409, `This question has been answered ${answers} time(s); retire it instead of deleting it.`);
    await tx.question.delete({ where: { id } });
    await audit(tx, actor.id, "delete", id);
    return { id };
  });
}

/** Current versions of the questions matching the filter, for export. */
export async function currentQuestions(
  actor: Actor,
  filter: { chapter?: string; status?: QuestionStatus },
): Promise<Question[]> {
  assertInstructor(actor);
  return loadCurrentQuestions(filter);
}

/** The current version of each question matching `filter`, with no role check: callers check (or are the CLI). */
export async function loadCurrentQuestions(filter: { chapter?: string; status?: QuestionStatus }): Promise<Question[]> {
  const rows = await db.question.findMany({
    where: { ...(filter.chapter ? { chapter: filter.chapter } : {}), ...(filter.status ? { status: filter.status } : {}) },
    orderBy: [{ chapter: "asc" }, { id: "asc" }],
    select: { id: true, currentVersion: true },
  });
  const load = async (wanted: { id: string; version: number }[]) =>
    (await db.questionVersion.findMany({ where: { OR: wanted.map((w) => ({ questionId: w.id, version: w.version })) }, select: { questionId: true, data: true } })).map((v) => ({ id: v.questionId, data: v.data }));
  return parsedCurrentVersions(rows, load, questionSchema);
}
