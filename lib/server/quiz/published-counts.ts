import "server-only";
import { db } from "@/lib/server/kernel/db";

/** How many published questions each chapter has (chapters with none are absent). */
export async function publishedCountsByChapter() {
  return db.question.groupBy({ by: ["chapter"], where: { status: "PUBLISHED" }, _count: { _all: true } });
}
