import "server-only";
import { db } from "@/lib/server/kernel/db";

/** The instructor home's counts: questions by status, the caller's cohorts and members, and all attempts. */
export async function instructorOverview(ownerId: string) {
  return Promise.all([
    db.question.groupBy({ by: ["status"], _count: { _all: true } }),
    db.cohort.count({ where: { ownerId } }),
    db.cohortMember.count({ where: { cohort: { ownerId } } }),
    db.quizAttempt.count(),
  ]);
}
