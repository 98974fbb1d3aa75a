"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { submitFollowUpRound } from "@/lib/actions/submit-follow-up";
import type { InterviewView } from "@/lib/schemas/interview-view";
import { flushPendingSave } from "../pages/save-flush";
import { formatMs } from "@/lib/core/canvas/result-format";
import { LocalTime } from "@/components/ui/local-time";
import { ChapterLink } from "../result/link-titles";
import { ActionAlert } from "@/components/ui/alert";
import { callAction } from "@/components/use-action";
import type { ActionFailure } from "@/lib/schemas/action-result";
import { RubricNote } from "./rubric-note";
import { VERDICT_TONE } from "./shared";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Table } from "@/components/ui/table";

type Round = InterviewView["followUps"]["rounds"][number];

/** Stage 4: the interviewer's follow-ups, one round at a time, each applied to the candidate's own design. */
export function FollowUpStage({ designId, followUps, closed }: { designId: string; followUps: InterviewView["followUps"]; closed: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const current = followUps.current;
  if (current === null) return <p className="text-sm">Submit your design first: the follow-up rounds change its scenario.</p>;

  const answer = async (round: string) => {
    setBusy(round);
    setFailure(null);
    await flushPendingSave();
    const res = await callAction(() => submitFollowUpRound({ designId, round }));
    setBusy(null);
    if (!res.ok) setFailure(res);
    else router.refresh();
  };

  const rounds = followUps.rounds;
  const active = rounds[current]!;
  const nextRound = active.attempts.length > 0 ? rounds[current + 1] : undefined;
  return (
    <div className="space-y-3">
      {current > 0 ? (
        <ol className="space-y-1 text-sm" aria-label="Earlier rounds">
          {rounds.slice(0, current).map((r, i) => {
            const last = r.attempts.at(-1);
            return (
              <li key={r.key}>
                Round {i + 1}, {r.title}:{" "}
                {last ? <strong className={last.passed ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>{last.passed ? "held" : "broke"}</strong> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      <RoundCard index={current} round={active} />
      <ActionAlert failure={failure} />
      {!closed ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={active.attempts.length ? buttonClass("secondary", "sm") : buttonClass("primary", "sm")} disabled={busy !== null} onClick={() => void answer(active.key)} data-testid="answer-round">
            {busy === active.key ? "Evaluating…" : active.attempts.length ? "Re-submit this round with my changed design" : "Answer with my current design"}
          </button>
          {nextRound ? (
            <button type="button" className={buttonClass("primary", "sm")} disabled={busy !== null} onClick={() => void answer(nextRound.key)} data-testid="next-round">
              {busy === nextRound.key ? "Evaluating…" : `Next round: ${nextRound.title}`}
            </button>
          ) : null}
        </div>
      ) : null}
      {active.attempts.length && !nextRound && !closed ? (
        <p className="text-sm">That was the last round. Finish the interview below to see the reference design.</p>
      ) : null}
    </div>
  );
}

function RoundCard({ index, round }: { index: number; round: Round }) {
  const last = round.attempts.at(-1);
  return (
    <section aria-labelledby={`round-${round.key}`} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="follow-up-round">
      <h3 id={`round-${round.key}`} className="font-semibold">
        Round {index + 1}: {round.title}
      </h3>
      <p className="mt-1 text-sm">“{round.prompt}”</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Applied to your design: {round.changes.join("; ")}.
      </p>
      {last ? (
        <div className="mt-3 space-y-2 text-sm" data-testid="round-result" data-passed={last.passed}>
          <p>
            <Badge tone={VERDICT_TONE[last.passed ? "good" : "bad"]}>
              {last.passed ? "Your design holds" : "Your design breaks"}
            </Badge>{" "}
            Attempt {round.attempts.length}, <LocalTime at={last.createdAt} />: score {last.feedback.before.score} → {last.feedback.after.score}, p99 {formatMs(last.feedback.before.p99Ms)} →{" "}
            {last.feedback.after.p99Ms > 60_000 ? "over a minute" : formatMs(last.feedback.after.p99Ms)} (target {formatMs(last.feedback.targets.p99Ms)}).
          </p>
          {last.feedback.broke.length ? (
            <>
              {/* On a phone the four columns do not fit: each broken item is a small list instead of a table that hid
                  "By how much" past the right edge. */}
              <ul className="space-y-2 sm:hidden" aria-label="What broke and by how much">
                {last.feedback.broke.map((b) => (
                  <li key={b.what} className="border-b border-slate-200 pb-2 dark:border-slate-700">
                    <p className="font-medium">{b.what}</p>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-3">
                      <dt className="text-slate-600 dark:text-slate-400">Before</dt>
                      <dd>{b.before}</dd>
                      <dt className="text-slate-600 dark:text-slate-400">After</dt>
                      <dd>{b.after}</dd>
                      <dt className="text-slate-600 dark:text-slate-400">By how much</dt>
                      <dd>{b.by}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
            <Table
              caption="What broke and by how much"
              captionHidden
              columns={["What broke", "Before", "After", "By how much"]}
              rowHeaders
              wrapperClassName="hidden overflow-x-auto sm:block"
              className="min-w-[32rem]"
              rows={last.feedback.broke.map((b) => [b.what, b.before, b.after, b.by])}
            />
            </>
          ) : null}
          {last.feedback.newFindings.length ? <p>New problems under this change: {last.feedback.newFindings.join("; ")}.</p> : null}
          <RubricNote rubric={last.feedback.rubric} />
          {round.advice ? (
            <p>
              <span className="font-medium">What a strong answer does: </span>
              {round.advice.text} <ChapterLink href={round.advice.href} />
            </p>
          ) : null}
          {!last.passed ? <p>Change the design on the canvas below, then re-submit this round.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
