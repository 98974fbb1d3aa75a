"use client";

import type { EvaluationResult } from "@/lib/core/evaluator";
import { CHECKLIST_LINKS } from "@/lib/core/evaluator/links";
import { checklistReason } from "@/lib/core/canvas/checklist-reasons";
import type { Design } from "@/lib/schemas/design";
import { CHECKLIST_TITLES } from "@/lib/core/canvas/result-format";
import { Badge, type Tone } from "@/components/ui/badge";
import { ChapterLink } from "./link-titles";

const STATUS = {
  pass: { text: "Pass", tone: "success" },
  fail: { text: "Fail", tone: "danger" },
  "n/a": { text: "Not applicable", tone: "neutral" },
} as const satisfies Record<string, { text: string; tone: Tone }>;

/** The ten checklist items; a failing one says what failed, why it matters and what to change. */
export function ChecklistList({ checklist, document }: { checklist: EvaluationResult["checklist"]; document: Pick<Design, "nodes" | "edges"> | null }) {
  return (
    <section aria-labelledby="checklist-heading">
      <h3 id="checklist-heading" className="font-semibold">
        Design checklist
      </h3>
      <ul className="mt-2 space-y-1.5 text-sm" data-testid="checklist">
        {checklist.map((item) => {
          const reason = item.status === "fail" ? checklistReason(item.id, item.nodeIds, document) : null;
          return (
            <li key={item.id} data-checklist-status={item.status}>
              <div className="flex items-center gap-2">
                <Badge tone={STATUS[item.status].tone} className="min-w-10 text-center">
                  {STATUS[item.status].text}
                </Badge>
                <a href={`/learn/checklist#${item.id}`} className="underline decoration-slate-400 underline-offset-2 hover:text-brand-600 dark:hover:text-brand-100">
                  {CHECKLIST_TITLES[item.id] ?? "Checklist item"}
                </a>
              </div>
              {reason ? (
                <div className="mt-1 ml-12 space-y-1 text-slate-700 dark:text-slate-300" data-testid={`checklist-reason-${item.id}`}>
                  {reason.what.length ? (
                    <ul className="list-disc pl-4">
                      {reason.what.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  ) : null}
                  <p>
                    <span className="font-medium">Why it matters: </span>
                    {reason.why}
                  </p>
                  <p>
                    <span className="font-medium">Change: </span>
                    {reason.change}
                  </p>
                  <p>
                    <ChapterLink href={CHECKLIST_LINKS[item.id]} />
                  </p>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
