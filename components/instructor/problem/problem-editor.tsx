"use client";

import { callAction } from "@/components/use-action";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, useTransition } from "react";
import { DesignEditor, type DesignDocument } from "@/components/practice/editor/design-editor";
import { refusalText, SaveMessages, useDraftCheck } from "@/components/instructor/draft-form";
import { ObjectFields, type FieldOverride } from "@/components/instructor/schema-form";
import { buttonClass } from "@/components/ui/button";
import { createProblem } from "@/lib/actions/problem-create";
import { previewProblem } from "@/lib/actions/problem-preview";
import { updateProblem } from "@/lib/actions/problem-update";
import { problemSchema, type Problem } from "@/lib/schemas/problem";
import { followUpChangeField } from "./follow-up-change-field";
import { describePath, PROBLEM_FORM_TEXT } from "./problem-form-text";
import { blankProblemDraft } from "./problem-blank";
import { ProblemMissing } from "./problem-missing";
import { ProblemPreview, type PreviewState } from "./problem-preview";
import { rubricRequiredField, rubricWeightsField } from "./problem-rubric-fields";

type Draft = Record<string, unknown>;

const GROUPS: { id: string; title: string; keys: string[] }[] = [
  {
    id: "about",
    title: "The problem",
    keys: ["slug", "title", "summary", "difficulty", "position", "brief", "functional", "nonFunctional"],
  },
  { id: "scenario", title: "Scenario and targets", keys: ["scenario", "clients"] },
  { id: "requirements", title: "Stage 1: requirements", keys: ["requirements"] },
  { id: "estimates", title: "Stage 2: estimates", keys: ["estimates"] },
  { id: "follow-ups", title: "Stage 4: follow-up rounds", keys: ["followUps"] },
  { id: "rubric", title: "Scoring: weights and required checklist items", keys: ["rubric"] },
  { id: "hints", title: "Hints", keys: ["hints"] },
];
const ALL_KEYS = GROUPS.flatMap((g) => g.keys).concat(["starter", "reference"]);

/**
 * The designs carry the problem's scenario (the schema insists they match), so the form's scenario is copied
 * into both before every check: the author edits it once, and the canvases can never disagree with it.
 */
function assemble(draft: Draft): Draft {
  const withScenario = (doc: unknown) =>
    doc && typeof doc === "object" ? { ...(doc as object), scenario: structuredClone(draft.scenario) } : doc;
  return { ...draft, starter: withScenario(draft.starter), reference: withScenario(draft.reference) };
}

/**
 * A tree with no shared objects. React's action encoding writes an object met twice as a reference ("$0:…"),
 * which the server-action gate (lib/server/kernel/action-gate.ts) rightly refuses as non-plain data.
 */
const plain = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const overrides: Record<string, FieldOverride> = {
  change: followUpChangeField,
  "rubric.weights": rubricWeightsField,
  "rubric.required": rubricRequiredField,
};
type CanvasKey = "reference" | "starter";
const CANVASES: Record<CanvasKey, { title: string; lead: string }> = {
  reference: {
    title: "Reference design",
    lead: "What a strong answer looks like, drawn on the canvas candidates use. It is scored when you preview and when you publish; candidates see it only after their interview ends.",
  },
  starter: {
    title: "Starter design",
    lead: "What a candidate’s canvas holds when they begin: usually just the user groups.",
  },
};

const SCENARIO_NOTE = "The scenario comes from the form above (Scenario and targets); change it there.";

const MISSING_SECTIONS = [...GROUPS, { id: "designs", title: "Designs", keys: ["starter", "reference"] }];

/**
 * initial: the problem to edit or the copy to start from; without it, a blank problem at position `blankAt`
 * (built here, in the browser: the empty values come from the client-side form's schema walker), whose to-do
 * list of missing fields shows from the start.
 */
export function ProblemEditor({ initial, baseVersion, blankAt = 0 }: { initial?: Draft; baseVersion?: number; blankAt?: number }) {
  const router = useRouter();
  const editing = baseVersion !== undefined;
  const blank = initial === undefined;
  const [draft, setDraft] = useState<Draft>(() => initial ?? blankProblemDraft(blankAt));
  const [touched, setTouched] = useState(editing);
  // A refusal belongs to the draft it was given for: once the author changes anything it is stale and goes.
  const [refusal, setRefusal] = useState<{ text: string; draft: Draft } | null>(null);
  const serverError = refusal && refusal.draft === draft ? refusal.text : null;
  const setServerError = (text: string | null) => setRefusal(text === null ? null : { text, draft });
  const [saved, setSaved] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ kind: "idle" });
  const [pending, startTransition] = useTransition();
  const [canvasKey, setCanvasKey] = useState<CanvasKey>("reference");
  const flushCanvas = useRef<(() => void) | null>(null);

  const assembled = useMemo(() => assemble(draft), [draft]);
  const { parsed, issues, errors } = useDraftCheck(problemSchema, assembled);
  const shown = touched ? errors : new Map<string, string>();
  const save = () => {
    flushCanvas.current?.();
    setTouched(true);
    setSaved(null);
    if (!parsed.success) {
      setServerError(`Fix the ${issues.length} problem${issues.length === 1 ? "" : "s"} listed here first.`);
      return;
    }
    setServerError(null);
    const problem: Problem = plain(parsed.data);
    startTransition(async () => {
      const result = await callAction(() =>
        editing ? updateProblem({ slug: problem.slug, baseVersion, problem }) : createProblem({ problem }),
      );
      if (!result.ok) {
        setServerError(refusalText(result, (path) => describePath(path.replace(/^problem\./, "").split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)))));
        return;
      }
      if (editing) {
        setSaved(
          result.data.version === baseVersion
            ? "Nothing changed, so no new version was saved."
            : `Saved as version ${result.data.version} (a draft until you publish it).`,
        );
        router.refresh();
      } else router.push(`/instructor/problems/${result.data.slug}`);
    });
  };

  const runPreview = () => {
    setTouched(true);
    if (!parsed.success) {
      setPreview({ kind: "invalid", count: issues.length });
      return;
    }
    setPreview({ kind: "loading" });
    startTransition(async () => {
      const problem = plain(parsed.data);
      const result = await callAction(() => previewProblem({ problem }));
      setPreview(result.ok ? { kind: "ready", problem, ...result.data } : { kind: "error", message: result.error });
    });
  };

  // One canvas at a time: two editors on a page double its weight, and the editor's ids are per page.
  const switchCanvas = (next: CanvasKey) => {
    flushCanvas.current?.();
    setCanvasKey(next);
  };
  const canvas = () => {
    const { title, lead } = CANVASES[canvasKey];
    const messages = touched ? issues.filter((i) => i.path[0] === canvasKey).map((i) => i.message) : [];
    return (
      <section id="group-designs" aria-labelledby="designs-heading" className="space-y-3">
        <h2 id="designs-heading" className="text-lg font-semibold">
          Designs
        </h2>
        <div role="group" aria-label="Design to edit" className="flex flex-wrap gap-2">
          {(Object.keys(CANVASES) as CanvasKey[]).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={canvasKey === k}
              onClick={() => switchCanvas(k)}
              className={buttonClass(canvasKey === k ? "primary" : "secondary", "sm")}
            >
              {CANVASES[k].title}
            </button>
          ))}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">{lead}</p>
        {messages.length ? (
          <ul
            className="list-disc pl-5 text-sm text-red-700 dark:text-red-400"
            aria-label={`Problems with the ${title.toLowerCase()}`}
          >
            {messages.slice(0, 5).map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        <DesignEditor
          key={canvasKey}
          initial={assemble(draft)[canvasKey] as DesignDocument}
          onChange={(doc) => setDraft((d) => ({ ...d, [canvasKey]: doc }))}
          flushRef={flushCanvas}
          scenarioLockedReason={SCENARIO_NOTE}
        />
      </section>
    );
  };

  return (
    <div className="space-y-10">
      {!editing && (blank || touched) ? <ProblemMissing issues={issues} sections={MISSING_SECTIONS} /> : null}
      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <form
          id="problem-form"
          aria-label={editing ? "Edit practice problem" : "New practice problem"}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
          onBlur={() => setTouched(true)}
          className="space-y-8"
          noValidate
        >
          {GROUPS.map((g) => (
            <section key={g.id} aria-labelledby={`group-${g.id}-heading`} id={`group-${g.id}`} className="scroll-mt-20 space-y-4">
              <h2 id={`group-${g.id}-heading`} className="text-lg font-semibold">
                {g.title}
              </h2>
              <ObjectFields
                schema={problemSchema}
                path={[]}
                value={draft}
                onChange={(v) => setDraft(v as Draft)}
                errors={shown}
                overrides={overrides}
                readOnly={new Set(editing ? ["slug"] : [])}
                skip={ALL_KEYS.filter((k) => !g.keys.includes(k))}
                text={PROBLEM_FORM_TEXT}
              />
            </section>
          ))}
        </form>
        <div className="space-y-4 lg:sticky lg:top-20 lg:self-start">
          <ProblemPreview state={preview} onPreview={runPreview} busy={pending} />
        </div>
      </div>
      {canvas()}
      <div className="sticky bottom-0 z-10 space-y-2 border-t border-slate-200 bg-white/95 py-3 dark:border-slate-800 dark:bg-slate-950/95">
        {touched && issues.length ? (
          <details className="text-sm" open={serverError !== null}>
            <summary className="cursor-pointer text-red-700 dark:text-red-400">
              {issues.length} problem{issues.length === 1 ? "" : "s"} to fix before saving
            </summary>
            <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5" data-testid="problem-issues">
              {issues.slice(0, 20).map((i, n) => (
                <li key={n}>
                  {describePath(i.path)}: {i.message}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" form="problem-form" disabled={pending} className={buttonClass("primary")}>
            {pending ? "Working…" : editing ? "Save as new version" : "Create draft"}
          </button>
          <button type="button" onClick={runPreview} disabled={pending} className={buttonClass("secondary")}>
            Preview as a candidate
          </button>
          <SaveMessages saved={saved} error={serverError} />
        </div>
      </div>
    </div>
  );
}
