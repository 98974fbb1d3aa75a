import type { Metadata } from "next";
import Link from "next/link";
import { PageShell } from "@/components/layout/page-shell";
import { loadChapters } from "@/lib/content/chapters";
import { loadGlossary } from "@/lib/content/glossary";
import type { GlossaryTerm } from "@/lib/content/types";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = {
  title: "Glossary",
  description: "Every networking term the course uses, in plain words, with the section that teaches it.",
};

function initial(term: string): string {
  const first = term.trim().charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : "#";
}

export default function GlossaryPage() {
  const terms = loadGlossary();
  const chapters = loadChapters();
  const taughtIn = (see: string) => {
    const [path = "", anchor = ""] = see.split("#");
    const chapter = chapters.find((c) => `/learn/${c.slug}` === path);
    const section = chapter?.sections.find((s) => s.id === anchor);
    return chapter ? `Chapter ${chapter.number}${section ? `: ${section.title}` : ""}` : see;
  };
  const groups = new Map<string, GlossaryTerm[]>();
  for (const term of terms) groups.set(initial(term.term), [...(groups.get(initial(term.term)) ?? []), term]);

  return (
    <PageShell
      title="Glossary"
      lead={`${terms.length} terms from the course, each in a sentence or two, with a link to the section that teaches it. Chapters link here the first time they use a term.`}
    >
      <nav aria-label="Letters" className="flex flex-wrap gap-1">
        {[...groups.keys()].map((letter) => (
          <a key={letter} href={`#letter-${letter === "#" ? "symbols" : letter}`} className="rounded px-2 py-1 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800">
            {letter}
          </a>
        ))}
      </nav>
      <div className="mt-8 space-y-10">
        {[...groups.entries()].map(([letter, group]) => (
          <section key={letter} aria-labelledby={`letter-${letter === "#" ? "symbols" : letter}`}>
            <h2 id={`letter-${letter === "#" ? "symbols" : letter}`} className="border-b border-slate-200 pb-1 text-2xl font-bold dark:border-slate-800">
              {letter}
            </h2>
            <div className="mt-4 space-y-6">
              {group.map((term) => (
                <div key={term.id} id={term.id} className="scroll-mt-20">
                  <h3 className="text-lg font-semibold">{term.term}</h3>
                  <div className="mt-1">
                    <div className="learn-content max-w-3xl" dangerouslySetInnerHTML={{ __html: term.definitionHtml }} />
                    {term.aliases.length > 0 ? (
                      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Also written: {term.aliases.join(", ")}</p>
                    ) : null}
                    <p className="mt-1 text-sm">
                      Taught in{" "}
                      <Link href={term.see} className={linkClass()}>
                        {taughtIn(term.see)}
                      </Link>
                    </p>
                  </div>
                </div>
              ))}
            </div>
          </section>
        ))}
      </div>
    </PageShell>
  );
}
