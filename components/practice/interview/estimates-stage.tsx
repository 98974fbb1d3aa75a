"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { submitEstimatesStage } from "@/lib/actions/submit-estimates";
import type { InterviewView } from "@/lib/schemas/interview-view";
import { ActionAlert } from "@/components/ui/alert";
import { callAction } from "@/components/use-action";
import type { ActionFailure } from "@/lib/schemas/action-result";
import { formatNumber } from "@/lib/core/util/format";
import { VERDICT_TONE } from "./shared";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";

const VERDICT = {
  close: { text: "Close (within × 3)", tone: "good" },
  "order-of-magnitude": { text: "Right order of magnitude", tone: "mid" },
  off: { text: "Off by more than × 10", tone: "bad" },
} as const;

/** Stage 2: back-of-the-envelope estimates, checked on the server; the worked calculation is shown afterwards. */
export function EstimatesStage({ designId, stage }: { designId: string; stage: InterviewView["estimates"] }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  const facts = (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {stage.facts.map((f) => (
        <li key={f}>{f}</li>
      ))}
    </ul>
  );

  if (stage.submitted) {
    const s = stage.submitted;
    return (
      <div className="space-y-2" data-testid="estimates-feedback">
        {facts}
        <p className="text-sm">
          <strong>
            {s.score} of {s.maxScore} points
          </strong>{" "}
          (2 per figure within × 3 of the worked answer, 1 within × 10).
        </p>
        <Table
          caption="Your estimates against the worked answers"
          captionHidden
          columns={["Figure", "Yours", "Worked answer", "Verdict", "How it is worked out"]}
          rowHeaders
          className="min-w-[36rem]"
          rows={s.feedback.items.map((i) => [
            i.label,
            <span key="given" className="tabular-nums whitespace-nowrap">{formatNumber(i.given, 2)} {i.unit}</span>,
            <span key="expected" className="tabular-nums whitespace-nowrap">{formatNumber(i.expected, 2)} {i.unit}</span>,
            <Badge key="verdict" tone={VERDICT_TONE[VERDICT[i.verdict].tone]}>{VERDICT[i.verdict].text}</Badge>,
            i.working,
          ])}
        />
      </div>
    );
  }

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const payload = Object.fromEntries(stage.fields.map((f) => [f.key, values[f.key] ?? ""]));
    const res = await callAction(() => submitEstimatesStage({ designId, values: payload }));
    setBusy(false);
    // On error the typed values stay in the form: only the message is added.
    if (!res.ok) setFailure(res);
    else router.refresh();
  };

  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">Estimate from these facts. Round freely: the check allows an order of magnitude.</p>
      {facts}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {stage.fields.map((f) => {
          const error = failure?.fieldErrors?.find((e) => e.path === `values.${f.key}`);
          return (
            <div key={f.key}>
              <label htmlFor={`est-${f.key}`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
                {f.label} ({f.unit})
              </label>
              <input
                id={`est-${f.key}`}
                name={f.key}
                inputMode="decimal"
                autoComplete="off"
                className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm tabular-nums dark:border-slate-600 dark:bg-slate-900"
                value={values[f.key] ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `est-${f.key}-error` : undefined}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
              {error ? (
                <p id={`est-${f.key}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-400">
                  {error.message}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <ActionAlert failure={failure} />
      <button type="submit" className={buttonClass("primary", "sm")} disabled={busy} data-testid="submit-estimates">
        {busy ? "Checking…" : "Submit estimates"}
      </button>
    </form>
  );
}
