import "server-only";
import { db } from "@/lib/server/kernel/db";
import type { ScorePoint } from "@/lib/schemas/dashboard";
import { chapterSections, chapterSlugs, type ChapterSlug } from "@/lib/schemas/question";
import { chapterInfo, sectionHref, sectionTitle } from "@/lib/server/quiz/chapter-titles";
import { endOfDay, reviewQueue, userTimeZone } from "@/lib/server/quiz/review";

export type ChapterStats = {
  chapter: ChapterSlug;
  number: number;
  title: string;
  sectionsRead: number;
  sectionsRequired: number;
  /** Best and latest chapter-quiz score as a fraction (0..1), null when never taken. */
  bestScore: number | null;
  latestScore: number | null;
  attempts: number;
  /** See MASTERY_DEFINITION. */
  mastery: number;
  questionsAnswered: number;
  questionCount: number;
  reviewsDue: number;
};

export type WeakTopic = { chapter: string; section: string; title: string; href: string; score: number; answered: number };

export type Dashboard = {
  chapters: ChapterStats[];
  weakest: WeakTopic[];
  history: ScorePoint[];
  reviewsDueToday: number;
  reviewCards: number;
  nextReview: string | null;
};

export const MASTERY_DEFINITION =
  "Mastery is the average, over every published question of the chapter, of the score of your most recent answer to it (chapter quizzes and mixed practice both count; a question you have never answered counts as 0).";

/** Everything /dashboard shows for one user, in a handful of grouped queries. */
export async function getDashboard(userId: string, now = new Date()): Promise<Dashboard> {
  // "Today" is the user's own calendar day; the total due is the /review queue's, daily new-card limit applied.
  const [timeZone, queue] = await Promise.all([userTimeZone(userId), reviewQueue(userId, now)]);
  const dueBy = endOfDay(now, timeZone);
  const [progress, questionCounts, latestPerQuestion, chapterAttempts, due, cardCount, nextCard, history] = await Promise.all([
    db.sectionProgress.findMany({ where: { userId }, select: { chapter: true, section: true } }),
    db.question.groupBy({ by: ["chapter"], where: { status: "PUBLISHED" }, _count: { _all: true } }),
    // The most recent answer to each question, whichever attempt it came from.
    db.$queryRaw<{ question_id: string; chapter: string; section: string; score: number }[]>`
      SELECT DISTINCT ON (a.question_id) a.question_id, q.chapter, q.section, a.score
      FROM quiz_answers a
      JOIN quiz_attempts t ON t.id = a.attempt_id
      JOIN questions q ON q.id = a.question_id
      WHERE t.user_id = ${userId} AND q.status = 'PUBLISHED'
      ORDER BY a.question_id, t.submitted_at DESC, a.position`,
    db.quizAttempt.findMany({
      where: { userId, kind: "chapter" },
      orderBy: { submittedAt: "asc" },
      select: { chapter: true, score: true, maxScore: true },
    }),
    db.$queryRaw<{ chapter: string; n: bigint }[]>`
      SELECT q.chapter, count(*) AS n FROM review_cards c JOIN questions q ON q.id = c.question_id
      WHERE c.user_id = ${userId} AND c.due <= ${dueBy} AND q.status = 'PUBLISHED' GROUP BY q.chapter`,
    db.reviewCard.count({ where: { userId } }),
    db.reviewCard.findFirst({ where: { userId }, orderBy: { due: "asc" }, select: { due: true } }),
    db.quizAttempt.findMany({
      where: { userId },
      orderBy: { submittedAt: "desc" },
      take: 60,
      select: { id: true, kind: true, chapter: true, score: true, maxScore: true, submittedAt: true },
    }),
  ]);

  const info = chapterInfo();
  const countOf = new Map(questionCounts.map((c) => [c.chapter, c._count._all]));
  const dueOf = new Map(due.map((d) => [d.chapter, Number(d.n)]));
  const chapters: ChapterStats[] = chapterSlugs.map((slug) => {
    const required = new Set<string>(chapterSections[slug]);
    const read = progress.filter((p) => p.chapter === slug && required.has(p.section)).length;
    const attempts = chapterAttempts.filter((a) => a.chapter === slug).map((a) => (a.maxScore > 0 ? a.score / a.maxScore : 0));
    const latest = latestPerQuestion.filter((l) => l.chapter === slug);
    const questionCount = countOf.get(slug) ?? 0;
    return {
      chapter: slug,
      number: info.get(slug)?.number ?? 0,
      title: info.get(slug)?.title ?? slug,
      sectionsRead: read,
      sectionsRequired: required.size,
      bestScore: attempts.length ? Math.max(...attempts) : null,
      latestScore: attempts.length ? (attempts[attempts.length - 1] as number) : null,
      attempts: attempts.length,
      mastery: questionCount ? latest.reduce((s, l) => s + l.score, 0) / questionCount : 0,
      questionsAnswered: latest.length,
      questionCount,
      reviewsDue: dueOf.get(slug) ?? 0,
    };
  });

  // Weakest topics: sections whose answered questions average lowest (only sections with something to fix).
  const sections = new Map<string, { chapter: string; section: string; total: number; n: number }>();
  for (const l of latestPerQuestion) {
    const key = `${l.chapter}#${l.section}`;
    const s = sections.get(key) ?? { chapter: l.chapter, section: l.section, total: 0, n: 0 };
    s.total += l.score;
    s.n += 1;
    sections.set(key, s);
  }
  const weakest = [...sections.values()]
    .map((s) => ({ ...s, score: s.total / s.n }))
    .filter((s) => s.score < 1)
    .sort((a, b) => a.score - b.score || b.n - a.n)
    .slice(0, 6)
    .map((s) => ({
      chapter: s.chapter,
      section: s.section,
      title: `${sectionTitle(s.chapter, s.section)} (${info.get(s.chapter)?.title ?? s.chapter})`,
      href: sectionHref(s.chapter, s.section),
      score: s.score,
      answered: s.n,
    }));

  return {
    chapters,
    weakest,
    history: history.reverse().map((a) => ({
      at: a.submittedAt.toISOString(),
      percent: Math.round((a.maxScore > 0 ? a.score / a.maxScore : 0) * 100),
      label: a.kind === "chapter" && a.chapter ? (info.get(a.chapter)?.title ?? a.chapter) : "Mixed practice",
      attemptId: a.id,
    })),
    reviewsDueToday: queue.cards.length,
    reviewCards: cardCount,
    nextReview: nextCard?.due.toISOString() ?? null,
  };
}
