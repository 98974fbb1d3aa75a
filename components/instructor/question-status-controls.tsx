"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteQuestion } from "@/lib/actions/delete-question";
import { setQuestionStatus } from "@/lib/actions/set-question-status";
import type { QuestionStatus, QuestionTransition } from "@/lib/schemas/instructor";

const button =
  "rounded-md border px-3 py-2 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-brand-500 focus:ring-offset-2 disabled:opacity-50 dark:focus:ring-offset-slate-950";

const LABEL: Record<QuestionTransition, string> = { publish: "Publish", unpublish: "Unpublish", retire: "Retire" };

export function QuestionStatusControls({ id, status, answerCount }: { id: string; status: QuestionStatus; answerCount: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const transitions: QuestionTransition[] =
    status === "DRAFT" ? ["publish", "retire"] : status === "PUBLISHED" ? ["unpublish", "retire"] : ["publish"];

  const run = (transition: QuestionTransition) =>
    startTransition(async () => {
      const result = await setQuestionStatus({ id, transition });
      setMessage(result.ok ? `Now ${result.data.status.toLowerCase()}.` : result.error);
      if (result.ok) router.refresh();
    });

  const remove = () =>
    startTransition(async () => {
      const result = await deleteQuestion({ id });
      if (result.ok) router.push("/instructor/questions");
      else setMessage(result.error);
    });

  return (
    <div className="flex flex-wrap items-center gap-2">
      {transitions.map((t) => (
        <button
          key={t}
          type="button"
          disabled={pending}
          onClick={() => run(t)}
          className={`${button} ${t === "publish" ? "border-brand-600 bg-brand-600 text-white hover:bg-brand-700" : "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"}`}
        >
          {LABEL[t]}
        </button>
      ))}
      {status === "DRAFT" && answerCount === 0 ? (
        confirming ? (
          <>
            <button type="button" disabled={pending} onClick={remove} className={`${button} border-red-700 bg-red-700 text-white`}>
              Confirm: delete for good
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={`${button} border-slate-300 dark:border-slate-700`}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className={`${button} border-red-300 text-red-700 dark:border-red-800 dark:text-red-400`}>
            Delete draft
          </button>
        )
      ) : null}
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {pending ? "Working…" : message}
      </p>
    </div>
  );
}
