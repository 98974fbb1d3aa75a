"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { submitRequirementsStage } from "@/lib/actions/submit-requirements";
import type { InterviewView } from "@/lib/schemas/interview-view";
import { ActionAlert } from "@/components/ui/alert";
import { callAction } from "@/components/use-action";
import { VERDICT_TONE } from "./shared";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";

const VERDICT = {
  right: { text: "Belongs", tone: "good" },
  missed: { text: "Missed", tone: "bad" },
  "out-of-scope": { text: "Out of scope", tone: "bad" },
  "left-out": { text: "Rightly left out", tone: "good" },
} as const;

/** Stage 1: pick the requirements that belong to the brief and say why; scored once, then explained. */
export function RequirementsStage({ designId, stage }: { designId: string; stage: InterviewView["requirements"] }) {
  const router = useRouter();
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: string; fieldErrors?: { path: string; message: string }[] } | null>(null);

  if (stage.submitted) {
    const f = stage.submitted.feedback;
    return (
      <div className="space-y-2" data-testid="requirements-feedback">
        <p className="text-sm">
          <strong>
            {stage.submitted.score} of {stage.submitted.maxScore} points
          </strong>{" "}
          — {f.right} picked rightly, {f.missed} missed, {f.wrong} out of scope (each costs a point).
        </p>
        <ul className="space-y-2 text-sm">
          {f.items.map((i) => (
            <li key={i.key} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={VERDICT_TONE[VERDICT[i.verdict].tone]}>{VERDICT[i.verdict].text}</Badge>
                <span className="font-medium">{i.text}</span>
              </div>
              {i.justification ? <p className="mt-1 text-slate-600 dark:text-slate-400">Your reason: {i.justification}</p> : null}
              <p className="mt-1">{i.why}</p>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const picks = Object.entries(picked).map(([key, justification]) => ({ key, justification }));
    const res = await callAction(() => submitRequirementsStage({ designId, picks }));
    setBusy(false);
    if (!res.ok) setFailure(res);
    else router.refresh();
  };

  const groups = [
    ["functional", "Functional: what the system does"],
    ["non-functional", "Non-functional: how well it must do it"],
  ] as const;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-describedby="req-help"
    >
      <p id="req-help" className="text-sm text-slate-600 dark:text-slate-400">
        Read the brief, then tick the requirements this problem really has and say in a sentence why. Some options are plausible but not
        asked for: each of those you pick costs a point. You can answer once.
      </p>
      {groups.map(([kind, title]) => (
        <fieldset key={kind} className="space-y-2">
          <legend className="text-sm font-semibold">{title}</legend>
          {stage.options
            .filter((o) => o.kind === kind)
            .map((o) => {
              const on = o.key in picked;
              const index = Object.keys(picked).indexOf(o.key);
              const error = failure?.fieldErrors?.find((f) => f.path === `picks[${index}].justification`);
              return (
                <div key={o.key} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
                  <label className="flex items-start gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="mt-1"
                      checked={on}
                      onChange={(e) =>
                        setPicked((p) => {
                          const next = { ...p };
                          if (e.target.checked) next[o.key] = "";
                          else delete next[o.key];
                          return next;
                        })
                      }
                    />
                    <span>{o.text}</span>
                  </label>
                  {on ? (
                    <div className="mt-1 ml-6">
                      <label className="block text-xs font-medium text-slate-600 dark:text-slate-300" htmlFor={`why-${o.key}`}>
                        Why does the brief need it?<span className="sr-only"> ({o.text})</span>
                      </label>
                      <input
                        id={`why-${o.key}`}
                        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
                        value={picked[o.key]}
                        maxLength={500}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `why-${o.key}-error` : undefined}
                        onChange={(e) => setPicked((p) => ({ ...p, [o.key]: e.target.value }))}
                      />
                      {error ? (
                        <p id={`why-${o.key}-error`} className="text-xs text-red-700 dark:text-red-400">
                          {error.message}
                        </p>
                      ) : null}
                    </div>
                  ) : null}
                </div>
              );
            })}
        </fieldset>
      ))}
      <ActionAlert failure={failure} />
      <button type="submit" className={buttonClass("primary", "sm")} disabled={busy || Object.keys(picked).length === 0} data-testid="submit-requirements">
        {busy ? "Scoring…" : "Submit requirements"}
      </button>
    </form>
  );
}
