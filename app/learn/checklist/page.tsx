import type { Metadata } from "next";
import Link from "next/link";
import { ContentParts } from "@/components/learn/content-parts";
import { PageShell } from "@/components/layout/page-shell";
import { loadChecklist } from "@/lib/content/chapters";
import { linkClass } from "@/components/ui/link";

export function generateMetadata(): Metadata {
  const page = loadChecklist();
  return { title: page.title, description: page.description };
}

export default function ChecklistPage() {
  const page = loadChecklist();
  return (
    <PageShell title={page.title} lead={page.description}>
      <div className="max-w-3xl">
        <div className="space-y-5">
          <ContentParts parts={page.intro} />
        </div>
        {page.sections.map((section) => (
          <section key={section.id} aria-labelledby={section.id} className="mt-12">
            <h2 id={section.id} className="text-2xl font-bold tracking-tight" dangerouslySetInnerHTML={{ __html: section.titleHtml }} />
            <div className="mt-4 space-y-5">
              <ContentParts parts={section.parts} />
            </div>
          </section>
        ))}
        <p className="mt-12 text-sm">
          <Link href="/learn" className={linkClass()}>
            Back to the course map
          </Link>
        </p>
      </div>
    </PageShell>
  );
}
