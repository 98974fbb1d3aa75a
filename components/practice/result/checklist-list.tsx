import type { EvaluationResult } from "@/lib/evaluator";
import { CHECKLIST_TITLES } from "./format";

const STATUS = {
  pass: { text: "pass", className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" },
  fail: { text: "fail", className: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300" },
  "n/a": { text: "n/a", className: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300" },
} as const;

export function ChecklistList({ checklist }: { checklist: EvaluationResult["checklist"] }) {
  return (
    <section aria-labelledby="checklist-heading">
      <h3 id="checklist-heading" className="font-semibold">
        Design checklist
      </h3>
      <ul className="mt-2 space-y-1 text-sm" data-testid="checklist">
        {checklist.map((item) => (
          <li key={item.id} className="flex items-center gap-2">
            <span className={`inline-block w-10 rounded px-1 text-center text-xs font-semibold ${STATUS[item.status].className}`}>
              {STATUS[item.status].text}
            </span>
            <a href={`/learn/checklist#${item.id}`} className="underline decoration-slate-400 underline-offset-2 hover:text-brand-600 dark:hover:text-brand-100">
              {CHECKLIST_TITLES[item.id] ?? item.id}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
