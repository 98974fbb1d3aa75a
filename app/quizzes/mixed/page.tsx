import type { Metadata } from "next";
import { PageShell } from "@/components/layout/page-shell";
import { MixedQuizForm } from "@/components/quiz/mixed-quiz-form";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { requireGrant } from "@/lib/auth/session";
import { chapterSlugs, type ChapterSlug } from "@/lib/schemas/question";
import { mixedQuizSpecSchema } from "@/lib/schemas/quiz-attempt";
import { chapterTitle } from "@/lib/server/quiz/chapter-titles";
import { openAttempt } from "@/lib/server/quiz/plans";

export const metadata: Metadata = { title: "Mixed practice" };

type Params = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function MixedQuizPage({ searchParams }: Params) {
  const user = await requireGrant("candidate");
  const query = await searchParams;
  const raw = {
    chapters: list(query.chapters),
    count: one(query.count) ?? "10",
    ...(one(query.difficulty) ? { difficulty: one(query.difficulty) } : {}),
    ...(one(query.mode) ? { mode: one(query.mode) } : {}),
  };
  const parsed = mixedQuizSpecSchema.safeParse(raw);
  const chapters = chapterSlugs.map((slug, i) => ({ slug, title: `${i + 1}. ${chapterTitle(slug)}` }));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= field === "count" ? "Choose between 3 and 40 questions." : field === "chapters" ? "Pick at least one chapter." : issue.message;
    }
    return (
      <PageShell title="Mixed practice" lead="Choose what to practise.">
        <p role="alert" className="text-red-700 dark:text-red-400">
          {Object.values(errors).join(" ")}
        </p>
        <MixedQuizForm
          chapters={chapters}
          errors={errors}
          initial={{
            chapters: raw.chapters.filter((c): c is ChapterSlug => (chapterSlugs as readonly string[]).includes(c)),
            ...(Number.isInteger(Number(raw.count)) ? { count: Number(raw.count) } : {}),
          }}
        />
      </PageShell>
    );
  }
  const spec = parsed.data;
  const plan = await openAttempt(user.id, { kind: "mixed", spec });
  return (
    <PageShell
      title="Mixed practice"
      lead={`${plan.items.length} questions from ${spec.chapters.length} chapter${spec.chapters.length === 1 ? "" : "s"}${spec.difficulty === "any" ? "" : `, ${spec.difficulty} only`}.`}
    >
      <QuizRunner
        attemptId={plan.attemptId}
        items={plan.items}
        committed={plan.committed}
        hints={plan.hints}
        mode={spec.mode}
      />
    </PageShell>
  );
}
