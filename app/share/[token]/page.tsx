import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SharedDesignView } from "@/components/practice/pages/shared-design-view";
import { LocalTime } from "@/components/ui/local-time";
import { getSharedDesign } from "@/lib/server/designs/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared design", robots: { index: false } };

export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await getSharedDesign(token);
  if (!shared) notFound();
  return (
    <div className="mx-auto max-w-[110rem] px-4 py-6">
      <p className="text-sm text-slate-600 dark:text-slate-400">Shared design · read-only</p>
      <h1 className="text-2xl font-bold tracking-tight">{shared.name}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {shared.problemTitle ? <>Practice problem: {shared.problemTitle} · </> : null}
        last changed <LocalTime at={shared.updatedAt} />
      </p>
      <div className="mt-4">
        <SharedDesignView document={shared.document} latest={shared.latest ? { result: shared.latest.result, document: shared.latest.document } : null} />
      </div>
    </div>
  );
}
