import type { ReactNode } from "react";

export function PageShell({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {lead ? <p className="mt-3 max-w-3xl text-lg text-slate-600 dark:text-slate-400">{lead}</p> : null}
      <div className="mt-8">{children}</div>
    </div>
  );
}
