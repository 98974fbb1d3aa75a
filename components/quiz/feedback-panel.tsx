import type { Ref } from "react";
import type { Feedback, PublicQuestion } from "@/lib/schemas/question";
import { describeAccepted, describeMark, formatPercent } from "@/components/quiz/draft";
import { formatNumber } from "@/lib/core/util/format";
import { describeEstimateTolerance, formatQuantity } from "@/lib/core/quiz/estimate-format";
import { proseClass } from "@/components/quiz/styles";
import { linkClass } from "@/components/ui/link";

/** A scored answer as every page that shows one has it: a checked answer, a review card, a stored attempt. */
export type ScoredAnswer = {
  score: number;
  correct: boolean;
  /** Share of the mark taken off for hints (0.25 = 25 %), when any were asked for. */
  hintCost?: number | undefined;
  feedback: Feedback;
  explanationHtml: string;
  sectionHref: string;
  sectionTitle: string;
};

type Props = {
  question: PublicQuestion;
  result: ScoredAnswer;
  /** What the candidate sent, for the types whose feedback does not carry it (numeric, ordering). */
  response?: unknown;
  headingRef?: Ref<HTMLHeadingElement>;
  headingLevel?: "h2" | "h3";
};

const verdict = (score: number, correct: boolean) =>
  correct
    ? { text: "Correct", className: "border-green-600 bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100" }
    : score > 0
      ? {
          text: `Partly right`,
          className: "border-amber-500 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
        }
      : { text: "Not quite", className: "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100" };

/** The explanation, per-choice notes and the right answer, shown after a question is answered. */
export function FeedbackPanel({ question, result, response, headingRef, headingLevel = "h3" }: Props) {
  const { score, correct, hintCost, feedback, explanationHtml, sectionHref, sectionTitle } = result;
  const v = verdict(score, correct);
  const Heading = headingLevel;
  return (
    <div className={`mt-4 rounded-md border-l-4 p-4 ${v.className}`}>
      <Heading ref={headingRef} tabIndex={-1} className="text-base font-semibold">
        {v.text}
      </Heading>
      <p className="mt-1 text-sm" data-testid="question-mark">
        Mark: {describeMark(score)}
        {hintCost ? ` (hints cost ${formatPercent(-hintCost)} of the mark)` : ""}
      </p>
      <Details question={question} feedback={feedback} response={response} />
      <div className={`mt-3 ${proseClass}`} dangerouslySetInnerHTML={{ __html: explanationHtml }} />
      <p className="mt-3 text-sm">
        Read more:{" "}
        <a href={sectionHref} className={linkClass("inherit", "font-medium")}>
          {sectionTitle}
        </a>
      </p>
    </div>
  );
}

function Mark({ ok }: { ok: boolean }) {
  return <span aria-hidden="true">{ok ? "✓" : "✗"}</span>;
}

function Details({
  question,
  feedback,
  response,
}: {
  question: PublicQuestion;
  feedback: Feedback;
  response?: unknown;
}) {
  switch (feedback.type) {
    case "single":
    case "multiple":
      return (
        <ul className="mt-3 space-y-2">
          {feedback.perChoice
            .filter((c) => c.picked || c.correct)
            .map((c) => (
              <li key={c.choiceId} className="text-sm">
                <Mark ok={c.correct} /> <span className="font-medium">{c.text}</span>
                <span className="sr-only">{c.correct ? " (a right answer)" : " (not right)"}</span>
                {c.picked ? <span className="ml-1 text-xs uppercase tracking-wide">your pick</span> : null}
                {c.weight !== undefined ? (
                  <span className="ml-1 text-xs">
                    ({c.weight > 0 ? "+" : ""}
                    {formatPercent(c.weight)} of the mark)
                  </span>
                ) : null}
                <span className="block pl-5">{c.feedback}</span>
              </li>
            ))}
        </ul>
      );
    case "true_false":
      return (
        <p className="mt-3 text-sm">
          The statement is <strong>{feedback.correctAnswer.value ? "true" : "false"}</strong>. {feedback.message}
        </p>
      );
    case "numeric": {
      const given = (response as { value?: number } | undefined)?.value;
      const { value, unit, min, max } = feedback.correctAnswer;
      return (
        <p className="mt-3 text-sm">
          {given !== undefined ? (
            <>
              You answered {given} {unit}.{" "}
            </>
          ) : null}
          The answer is{" "}
          <strong>
            {formatNumber(value, 6)} {unit}
          </strong>{" "}
          ({describeAccepted(min, max, unit)}). {feedback.message ?? ""}
          {feedback.correctAnswer.partial?.map((r) => (
            <span key={`${r.min}-${r.max}`} className="block">
              Part marks ({formatPercent(r.weight)} of the mark): {describeAccepted(r.min, r.max, unit)}.
            </span>
          ))}
        </p>
      );
    }
    case "short_answer": {
      const given = (response as { text?: unknown } | undefined)?.text;
      const full = feedback.correctAnswer.filter((a) => a.match === "text" && a.weight === 1).map((a) => a.value);
      const partial = feedback.correctAnswer.filter((a) => a.match === "text" && a.weight < 1);
      return (
        <div className="mt-3 space-y-1 text-sm">
          {typeof given === "string" ? <p>You answered “{given}”.</p> : null}
          <p>
            Accepted: <strong>{full.join(" · ")}</strong>
          </p>
          {partial.length > 0 ? (
            <p>Part marks: {partial.map((a) => `${a.value} (${formatPercent(a.weight)} of the mark)`).join(" · ")}</p>
          ) : null}
          {feedback.message ? <p>{feedback.message}</p> : null}
        </div>
      );
    }
    case "estimate": {
      const given = (response as { value?: number } | undefined)?.value;
      const { value, unit, tolerance } = feedback.correctAnswer;
      return (
        <div className="mt-3 text-sm">
          <p>
            {given !== undefined ? <>You answered {formatQuantity(given, unit)}. </> : null}
            The computed value is <strong>{formatQuantity(value, unit)}</strong>; anything {describeEstimateTolerance(tolerance)} of it counts.
          </p>
          <p className="mt-3 font-medium">Worked solution</p>
          {/* Plain text with the attempt's values filled in; React escapes it, so no markup can ride along. */}
          <p className="mt-1 whitespace-pre-line" data-testid="worked-solution">
            {feedback.solution}
          </p>
        </div>
      );
    }
    case "ordering":
      return (
        <div className="mt-3 text-sm">
          <p className="font-medium">The right order:</p>
          <ol className="list-decimal pl-6">
            {feedback.correctItems.map((i) => (
              <li key={i.id}>{i.text}</li>
            ))}
          </ol>
        </div>
      );
    case "matching": {
      const left = question.type === "matching" ? new Map(question.left.map((l) => [l.id, l.text])) : new Map<string, string>();
      const options = question.type === "matching" ? new Map(question.options.map((o) => [o.id, o.text])) : new Map<string, string>();
      return (
        <ul className="mt-3 space-y-1 text-sm">
          {feedback.perLeft.map((m) => (
            <li key={m.leftId}>
              <Mark ok={m.correct} /> <span className="font-medium">{left.get(m.leftId)}</span> →{" "}
              {options.get(m.correctOptionId)}
              {!m.correct ? (
                <span className="block pl-5">
                  {m.pickedOptionId ? `You chose: ${options.get(m.pickedOptionId)}` : "You left this unmatched."}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      );
    }
  }
}
