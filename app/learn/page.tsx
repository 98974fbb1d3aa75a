import type { Metadata } from "next";
import Link from "next/link";
import { ChapterProgress } from "@/components/learn/chapter-progress";
import { SearchBox } from "@/components/learn/search-box";
import { PageShell } from "@/components/layout/page-shell";
import { loadChapters } from "@/lib/content/chapters";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = {
  title: "Learn",
  description: "Chapters on what happens between a click and a response, and on the system-design interview itself.",
};

export default function LearnPage() {
  const chapters = loadChapters();
  const minutes = chapters.reduce((sum, c) => sum + c.readingMinutes, 0);
  return (
    <PageShell
      title="Learn"
      lead={`${chapters.length} chapters on what happens between a click and a response, from addresses and handshakes to caches, load balancers and tail latency, then the interview itself: the framework, estimation and consistency. About ${Math.round(minutes / 60)} hours of reading, with worked examples and interview notes throughout.`}
    >
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <SearchBox className="w-full sm:max-w-md" />
        <p className="text-sm">
          <Link href="/learn/glossary" className={linkClass("strong")}>
            Glossary
          </Link>
          <span aria-hidden="true" className="mx-2 text-slate-400">·</span>
          <Link href="/learn/checklist" className={linkClass("strong")}>
            Network design checklist
          </Link>
        </p>
      </div>
      <h2 className="sr-only">Chapters</h2>
      <ol className="mt-8 grid gap-4 md:grid-cols-2">
        {chapters.map((chapter) => (
          <li key={chapter.slug} className="flex flex-col rounded-xl border border-slate-200 p-5 dark:border-slate-800">
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
              Chapter {chapter.number} · {chapter.readingMinutes} min read
            </p>
            <h3 className="mt-1 text-lg font-semibold leading-snug">
              <Link href={`/learn/${chapter.slug}`} className={linkClass("title")}>
                {chapter.title}
              </Link>
            </h3>
            <p className="mt-2 flex-1 text-sm text-slate-600 dark:text-slate-400">{chapter.description}</p>
            <div className="mt-4">
              <ChapterProgress chapter={chapter.slug} title={chapter.title} sections={chapter.sections.filter((s) => s.trackable).map((s) => s.id)} />
            </div>
          </li>
        ))}
      </ol>
    </PageShell>
  );
}
