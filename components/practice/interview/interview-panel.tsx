"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createDesign } from "@/lib/actions/create-design";
import { finishInterview } from "@/lib/actions/finish-interview";
import { submitDesignForInterview } from "@/lib/actions/submit-design-stage";
import type { Design } from "@/lib/schemas/design";
import type { InterviewView } from "@/lib/schemas/interview-view";
import { ConfirmDialog } from "@/components/ui/dialog";
import { flushPendingSave } from "../pages/save-flush";
import { EstimatesStage } from "./estimates-stage";
import { FollowUpStage } from "./follow-up-stage";
import { RequirementsStage } from "./requirements-stage";
import { RubricNote } from "./rubric-note";
import { ActionAlert } from "@/components/ui/alert";
import { callAction, useAction } from "@/components/use-action";
import type { ActionFailure } from "@/lib/schemas/action-result";
import { buttonClass } from "@/components/ui/button";
import { linkClass } from "@/components/ui/link";

type Step = "requirements" | "estimates" | "design" | "followup";

const STEPS: { id: Step; title: string }[] = [
  { id: "requirements", title: "Requirements" },
  { id: "estimates", title: "Estimates" },
  { id: "design", title: "Design" },
  { id: "followup", title: "Follow-ups" },
];

const ORDER: Record<InterviewView["next"], number> = { requirements: 0, estimates: 1, design: 2, followup: 3, finish: 4, closed: 5 };

/** The interview over a problem's design: four stages, each scored on the server, then the reference. */
export function InterviewPanel({ designId, interview }: { designId: string; interview: InterviewView }) {
  const router = useRouter();
  const reached = ORDER[interview.next];
  const [step, setStep] = useState<Step>(interview.next === "finish" || interview.next === "closed" ? "followup" : (interview.next as Step));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [confirmGiveUp, setConfirmGiveUp] = useState(false);
  const closed = interview.closedAt !== null;
  // The server's next stage wins when it moves on (after a submission and refresh).
  const [seenNext, setSeenNext] = useState(interview.next);
  // After requirements or estimates the candidate stays to read the feedback (a Continue button moves on);
  // after the design the follow-up round is what comes next, so it opens at once.
  if (seenNext !== interview.next) {
    setSeenNext(interview.next);
    if (interview.next === "followup") setStep("followup");
  }
  const stepIndex = STEPS.findIndex((s) => s.id === step);
  const nextStep = stepIndex < Math.min(reached, 3) ? STEPS[stepIndex + 1] : undefined;

  const submitDesign = async () => {
    setBusy(true);
    setFailure(null);
    await flushPendingSave();
    const res = await callAction(() => submitDesignForInterview({ designId }));
    setBusy(false);
    if (!res.ok) setFailure(res);
    else router.refresh();
  };

  const finish = async (giveUp: boolean) => {
    setBusy(true);
    setFailure(null);
    await flushPendingSave();
    const res = await callAction(() => finishInterview({ designId, giveUp }));
    setBusy(false);
    setConfirmGiveUp(false);
    if (!res.ok) setFailure(res);
    else router.push(`/designs/${designId}/reference`);
  };

  const d = interview.design.submitted;
  return (
    <section aria-labelledby="interview-heading" className="rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid="interview">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id="interview-heading" className="font-semibold">
          Interview
        </h2>
        <ol className="flex flex-wrap gap-1 text-sm" aria-label="Interview stages">
          {STEPS.map((s, i) => {
            const available = i <= Math.min(reached, 3);
            const done = i < reached;
            return (
              <li key={s.id}>
                <button
                  type="button"
                  disabled={!available}
                  aria-current={step === s.id ? "step" : undefined}
                  onClick={() => setStep(s.id)}
                  className={`rounded-full border px-2.5 py-0.5 ${step === s.id ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 dark:border-slate-600"} disabled:opacity-50`}
                >
                  {i + 1}. {s.title}
                  {done ? <span className="sr-only"> (answered)</span> : null}
                  {done ? " ✓" : ""}
                </button>
              </li>
            );
          })}
          <li>
            {closed ? (
              <Link href={`/designs/${designId}/reference`} className="rounded-full border border-brand-600 px-2.5 py-0.5 text-brand-700 underline-offset-2 hover:underline dark:text-brand-100" data-testid="reference-link">
                5. Reference comparison
              </Link>
            ) : (
              <span className="rounded-full border border-dashed border-slate-300 px-2.5 py-0.5 text-slate-500 dark:border-slate-600 dark:text-slate-400">5. Reference (after the interview)</span>
            )}
          </li>
        </ol>
      </div>
      <div className="mt-3">
        {step === "requirements" ? <RequirementsStage designId={designId} stage={interview.requirements} /> : null}
        {step === "estimates" ? <EstimatesStage designId={designId} stage={interview.estimates} /> : null}
        {step === "design" ? (
          <div className="space-y-2 text-sm">
            {d ? (
              <p data-testid="design-stage-result">
                Design submitted: <strong>{d.score} / 100</strong> (grade {d.feedback.grade}). The full result is in the Result tab beside the canvas.
                {interview.followUps.rounds.some((r) => r.attempts.length) ? " The follow-up rounds have started, so the design answer is final." : " You may improve it and submit again until the follow-ups start."}
              </p>
            ) : (
              <p>Sketch your architecture on the canvas below (it is saved as you go). When it is ready, submit it: it is scored on the server and the follow-up rounds begin.</p>
            )}
            {d ? <RubricNote rubric={d.feedback.rubric} /> : null}
            {!closed && !interview.followUps.rounds.some((r) => r.attempts.length) ? (
              <button type="button" className={buttonClass("primary", "sm")} disabled={busy} onClick={() => void submitDesign()} data-testid="submit-design">
                {busy ? "Scoring…" : d ? "Submit the design again" : "Submit my design"}
              </button>
            ) : null}
            {d && !closed ? (
              <button type="button" className={`${buttonClass("secondary", "sm")} ml-2`} onClick={() => setStep("followup")}>
                Go to the follow-ups
              </button>
            ) : null}
          </div>
        ) : null}
        {step === "followup" && d ? (
          <div className="mb-3 space-y-2 text-sm">
            <p data-testid="design-stage-summary">
              Your design stage: <strong>{d.score} / 100</strong> (grade {d.feedback.grade}){d.passed ? "." : ", not passed."}
            </p>
            <RubricNote rubric={d.feedback.rubric} />
          </div>
        ) : null}
        {step === "followup" ? <FollowUpStage designId={designId} followUps={interview.followUps} closed={closed} /> : null}
        {nextStep && step !== "design" ? (
          <button type="button" className={`${buttonClass("primary", "sm")} mt-3`} onClick={() => setStep(nextStep.id)} data-testid="continue">
            Continue: {nextStep.title}
          </button>
        ) : null}
      </div>
      <ActionAlert failure={failure} />
      {!closed ? (
        <div className="mt-3 flex flex-wrap items-center gap-2 border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
          {interview.next === "finish" ? (
            <button type="button" className={buttonClass("primary", "sm")} disabled={busy} onClick={() => void finish(false)} data-testid="finish-interview">
              Finish and compare with the reference
            </button>
          ) : null}
          <button type="button" className={buttonClass("secondary", "sm")} disabled={busy} onClick={() => setConfirmGiveUp(true)} data-testid="give-up">
            Give up and show the reference
          </button>
        </div>
      ) : (
        <p className="mt-3 text-sm" role="status">
          {interview.gaveUp ? "You gave up on this interview." : "You finished this interview."}{" "}
          <Link href={`/designs/${designId}/reference`} className={linkClass("strong")}>
            Compare with the reference design
          </Link>
        </p>
      )}
      <ConfirmDialog
        open={confirmGiveUp}
        title="Give up and see the reference?"
        body="The interview ends here: stages you have not answered stay unanswered, and the reference design is shown next to yours."
        confirmLabel="Give up"
        busy={busy}
        onConfirm={() => void finish(true)}
        onCancel={() => setConfirmGiveUp(false)}
      />
    </section>
  );
}

/** Before the first save there is no design to attach the interview to: this creates it from the starter. */
export function StartInterview({ problemSlug, title, starter }: { problemSlug: string; title: string; starter: Design }) {
  const router = useRouter();
  const { run, pending: busy, failure, setFailure } = useAction(createDesign);
  const start = async () => {
    const res = await run({ name: title, problemId: problemSlug, document: starter });
    if (!res.ok) return;
    if (!res.data.ok) setFailure({ ok: false, status: 400, error: "The starter design could not be saved." });
    else router.push(`/practice/${problemSlug}?design=${res.data.id}`);
  };
  return (
    <section aria-labelledby="interview-heading" className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <h2 id="interview-heading" className="font-semibold">
        Interview
      </h2>
      <p className="mt-1">
        Practise it like the real thing: pick the requirements, estimate the load, design, then face the interviewer’s follow-up rounds and
        compare with a reference design. Every stage is scored and saved.
      </p>
      <ActionAlert failure={failure} />
      <button type="button" className={`${buttonClass("primary", "sm")} mt-2`} disabled={busy} onClick={() => void start()} data-testid="start-interview">
        {busy ? "Starting…" : "Start the interview"}
      </button>
    </section>
  );
}
