"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteQuestion } from "@/lib/actions/delete-question";
import { setQuestionStatus } from "@/lib/actions/set-question-status";
import type { QuestionStatus, QuestionTransition } from "@/lib/schemas/instructor";
import { callAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";

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
      const result = await callAction(() => setQuestionStatus({ id, transition }));
      setMessage(result.ok ? `Now ${result.data.status.toLowerCase()}.` : result.error);
      if (result.ok) router.refresh();
    });

  const remove = () =>
    startTransition(async () => {
      const result = await callAction(() => deleteQuestion({ id }));
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
          className={buttonClass(t === "publish" ? "primary" : "secondary", "sm")}
        >
          {LABEL[t]}
        </button>
      ))}
      {status === "DRAFT" && answerCount === 0 ? (
        confirming ? (
          <>
            <button type="button" disabled={pending} onClick={remove} className={buttonClass("danger", "sm")}>
              Confirm: delete for good
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={buttonClass("secondary", "sm")}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className={buttonClass("danger-outline", "sm")}>
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
