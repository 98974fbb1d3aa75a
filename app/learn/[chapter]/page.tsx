import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { notFound } from "next/navigation";
import { ChapterProgress } from "@/components/learn/chapter-progress";
import { ContentParts } from "@/components/learn/content-parts";
import { ReadTracker } from "@/components/learn/read-tracker";
import { ReadingProgress } from "@/components/learn/reading-progress";
import { SearchBox } from "@/components/learn/search-box";
import { SectionToggle } from "@/components/learn/section-toggle";
import { Toc } from "@/components/learn/toc";
import { getChapter, loadChapters } from "@/lib/content/chapters";
import { linkClass } from "@/components/ui/link";

export const dynamicParams = false;

export function generateStaticParams() {
  return loadChapters().map((c) => ({ chapter: c.slug }));
}

type Props = { params: Promise<{ chapter: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const chapter = getChapter((await params).chapter);
  return chapter ? { title: `${chapter.number}. ${chapter.title}`, description: chapter.description } : {};
}

export default async function ChapterPage({ params }: Props) {
  const slug = (await params).chapter;
  const chapter = getChapter(slug);
  if (!chapter) notFound();
  const chapters = loadChapters();
  const index = chapters.findIndex((c) => c.slug === slug);
  const previous = chapters[index - 1];
  const next = chapters[index + 1];
  const tocItems = chapter.sections.map((s) => ({ id: s.id, title: s.title, trackable: s.trackable }));
  const trackable = chapter.sections.filter((s) => s.trackable);

  return (
    <>
      <ReadingProgress targetId="chapter-article" />
      <div className="mx-auto max-w-6xl px-4 py-8">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
          <ol className="flex flex-wrap gap-1">
            <li>
              <IntentLink href="/learn" className={linkClass("inherit")}>
                Learn
              </IntentLink>
              <span aria-hidden="true"> /</span>
            </li>
            <li aria-current="page">Chapter {chapter.number}</li>
          </ol>
        </nav>
        <div className="mt-4 lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-12">
          <article id="chapter-article" className="min-w-0">
            <header>
              <p className="text-sm font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100">
                Chapter {chapter.number} · {chapter.readingMinutes} min read
              </p>
              <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">{chapter.title}</h1>
              <p className="mt-3 text-lg text-slate-600 dark:text-slate-400">{chapter.description}</p>
              <div className="mt-4">
                <ChapterProgress chapter={chapter.slug} title={chapter.title} sections={trackable.map((s) => s.id)} showStorageNote />
              </div>
              <SearchBox className="mt-4 max-w-md" />
            </header>

            <details className="mt-6 rounded-lg border border-slate-200 p-3 lg:hidden dark:border-slate-800">
              <summary className="cursor-pointer text-sm font-semibold">Contents</summary>
              <div className="mt-3">
                <Toc chapter={chapter.slug} items={tocItems} label="Chapter contents" />
              </div>
            </details>

            <section aria-labelledby="objectives" className="mt-8 rounded-xl border border-slate-200 bg-slate-50 p-5 dark:border-slate-800 dark:bg-slate-900">
              <h2 id="objectives" className="text-lg font-semibold">
                What you will be able to do
              </h2>
              <ul className="mt-3 list-disc space-y-1.5 pl-5 text-slate-700 dark:text-slate-300">
                {chapter.objectives.map((objective) => (
                  <li key={objective}>{objective}</li>
                ))}
              </ul>
            </section>

            <div className="mt-8 space-y-5">
              <ContentParts parts={chapter.intro} />
            </div>

            {chapter.sections.map((section) => (
              <section key={section.id} data-toc-section={section.id} aria-labelledby={section.id} className="mt-14">
                <h2
                  id={section.id}
                  data-section-start={section.id}
                  className="text-2xl font-bold tracking-tight"
                  dangerouslySetInnerHTML={{ __html: section.titleHtml }}
                />
                <div className="mt-5 space-y-5">
                  <ContentParts parts={section.parts} />
                </div>
                {section.trackable ? <SectionToggle chapter={chapter.slug} section={section.id} title={section.title} /> : null}
                <div data-section-end={section.id} aria-hidden="true" className="h-px" />
              </section>
            ))}

            <nav aria-label="Chapters" className="mt-16 grid gap-4 border-t border-slate-200 pt-6 sm:grid-cols-2 dark:border-slate-800">
              {previous ? (
                <IntentLink href={`/learn/${previous.slug}`} rel="prev" className="rounded-lg border border-slate-200 p-4 hover:border-brand-500 dark:border-slate-800">
                  <span className="block text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Previous · Chapter {previous.number}</span>
                  <span className="mt-1 block font-medium">{previous.title}</span>
                </IntentLink>
              ) : (
                <span />
              )}
              {next ? (
                <IntentLink href={`/learn/${next.slug}`} rel="next" className="rounded-lg border border-slate-200 p-4 text-right hover:border-brand-500 dark:border-slate-800">
                  <span className="block text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Next · Chapter {next.number}</span>
                  <span className="mt-1 block font-medium">{next.title}</span>
                </IntentLink>
              ) : (
                <IntentLink href="/learn/checklist" className="rounded-lg border border-slate-200 p-4 text-right hover:border-brand-500 dark:border-slate-800">
                  <span className="block text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Next</span>
                  <span className="mt-1 block font-medium">The network design checklist</span>
                </IntentLink>
              )}
            </nav>
          </article>

          <aside className="hidden lg:block">
            <div className="sticky top-20 max-h-[calc(100vh-6rem)] overflow-y-auto pb-8">
              <Toc chapter={chapter.slug} items={tocItems} />
            </div>
          </aside>
        </div>
      </div>
      <ReadTracker chapter={chapter.slug} sections={trackable.map((s) => ({ id: s.id, words: s.words }))} />
    </>
  );
}
