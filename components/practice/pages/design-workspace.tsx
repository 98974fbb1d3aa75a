"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { DesignEditor } from "@/components/practice/editor/design-editor";
import { DesignErrors, ResultPanel } from "@/components/practice/result/result-panel";
import { type ResultTargets } from "@/lib/core/canvas/result-format";
import { LocalTime } from "@/components/ui/local-time";
import { createWhatIfCopy } from "@/lib/actions/create-what-if";
import { finishMockDesign } from "@/lib/actions/finish-mock-design";
import type { EvaluationResult } from "@/lib/core/evaluator";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import type { Design } from "@/lib/schemas/design";
import type { XY } from "@/lib/core/canvas/layout";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Tabs } from "@/components/ui/tabs";
import { callAction } from "@/components/use-action";
import { Alert } from "@/components/ui/alert";
import { MockSummary } from "./mock-summary";
import { MockTimer } from "./mock-timer";
import { ProblemBriefPanel } from "./problem-brief";
import { SaveStatus } from "./save-status";
import { type ProblemBrief } from "./types";
import { useAutosave } from "./use-autosave";
import { useEvaluation } from "./use-evaluation";
import { buttonClass } from "@/components/ui/button";
import { linkClass } from "@/components/ui/link";

export type WorkspaceProps = {
  problem: ProblemBrief | null;
  initialDocument: Design;
  /** Positions for the initial document's nodes that have none, laid out on the server (layoutOf), so dagre stays there. */
  initialLayout?: Record<string, XY> | undefined;
  design: { id: string; name: string; lockedAt: string | null; mockDeadline: string | null; updatedAt: string; whatIf?: boolean } | null;
  signedIn: boolean;
  latest: { result: EvaluationResult; document: Design } | null;
  /** Id of the latest stored evaluation: when the server has a newer one (e.g. the interview scored the design), it is shown. */
  latestId?: string | null;
  signInHref: string;
  /** Re-render the server page after a stored evaluation (its history list lives there). */
  refreshOnEvaluate?: boolean;
};

/**
 * The practice workspace: the canvas with the problem brief and the evaluator's result beside it. Signed-in
 * users' changes are saved on the server shortly after each edit (use-autosave); evaluation always runs on
 * the server (use-evaluation).
 */
export function DesignWorkspace({ problem, initialDocument, initialLayout, design, signedIn, latest, latestId = null, signInHref, refreshOnEvaluate = false }: WorkspaceProps) {
  const router = useRouter();
  const locked = design?.lockedAt != null;
  const autosave = useAutosave({ problem, initialDocument, designId: design?.id ?? null, signedIn, locked });
  const { save, enqueue, ensureDesign, persist, cancelScheduled, designIdRef } = autosave;
  const [selected, setSelected] = useState<number | null>(null);
  const [tab, setTab] = useState<"brief" | "result">(problem && !latest ? "brief" : "result");
  // The editor reports changes ~300 ms after an edit; Evaluate asks it to report a pending one at once.
  const flushEditor = useRef<(() => void | Promise<void>) | null>(null);
  const clearSelection = useCallback(() => setSelected(null), []);
  const { shown, errors, failure, setFailure, evaluating, evaluations, evaluate } = useEvaluation({
    latest,
    latestId,
    signedIn,
    locked,
    refreshOnEvaluate,
    autosave,
    flushEditor,
    onShown: clearSelection,
  });

  const { edited } = autosave;
  const onChange = useCallback(
    (doc: Design) => {
      setSelected(null);
      edited(doc);
    },
    [edited],
  );

  const expire = useCallback(() => {
    const id = designIdRef.current;
    if (!id) return;
    // An edit still waiting for autosave is part of what is handed in.
    const pending = cancelScheduled();
    void enqueue(async () => {
      if (pending) await persist();
      await callAction(() => finishMockDesign({ designId: id }));
      router.refresh();
    });
  }, [enqueue, router, persist, cancelScheduled, designIdRef]);

  const [whatIfBusy, setWhatIfBusy] = useState(false);
  const openWhatIf = useCallback(async () => {
    setWhatIfBusy(true);
    const id = await enqueue(async () => ensureDesign());
    const res = id ? await callAction(() => createWhatIfCopy({ designId: id })) : null;
    setWhatIfBusy(false);
    if (res?.ok) router.push(`/designs/${res.data.id}`);
    else if (res) setFailure(res.error);
  }, [enqueue, ensureDesign, router, setFailure]);

  const [confirmHandIn, setConfirmHandIn] = useState(false);

  const finding = selected !== null ? shown?.result.findings[selected] : undefined;
  const highlight = useMemo(() => (finding ? { nodeIds: finding.nodeIds, edgeIds: finding.edgeIds } : undefined), [finding]);

  const toolbar = (
    <button type="button" className={buttonClass("primary", "sm")} onClick={() => {
        setTab("result");
        void evaluate();
      }} disabled={evaluating} data-testid="evaluate">
      {evaluating ? "Evaluating…" : "Evaluate"}
    </button>
  );

  const resultArea = (
    <>
      <div aria-live="polite" className="space-y-3">
        {evaluating ? <p className="text-sm">Scoring on the server…</p> : null}
        {failure ? (
          <Alert>{failure}</Alert>
        ) : null}
        {errors ? <DesignErrors errors={errors} /> : null}
      </div>
      {shown ? (
        <div className="mt-3">
          <ResultPanel
            result={shown.result}
            document={shown.document}
            targets={targetsOf(shown.document, problem)}
            moves={shown.moves}
            selectedFinding={selected}
            onSelectFinding={setSelected}
          />
        </div>
      ) : !errors && !evaluating ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Press <strong>Evaluate</strong> to score the design: latency, availability, capacity, the checklist and what to fix.
        </p>
      ) : null}
    </>
  );

  return (
    <div className="grid gap-4 2xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <SaveStatus save={save} signInHref={signInHref} locked={locked} />
          {design?.mockDeadline && !locked ? (
            <div className="ml-auto flex items-center gap-2">
              <MockTimer deadline={design.mockDeadline} onExpire={expire} />
              <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setConfirmHandIn(true)} data-testid="hand-in">
                Hand in now
              </button>
              <ConfirmDialog
                open={confirmHandIn}
                title="Hand in now?"
                body="Your design is scored as it is saved now and locked: you cannot edit it afterwards."
                confirmLabel="Hand in"
                onConfirm={() => {
                  setConfirmHandIn(false);
                  expire();
                }}
                onCancel={() => setConfirmHandIn(false)}
              />
            </div>
          ) : null}
        </div>
        {locked ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950">
            This mock interview ended at <LocalTime at={design!.lockedAt!} />; the design is locked as that attempt. Duplicate it to keep
            working on it.
          </p>
        ) : null}
        {locked && design?.mockDeadline ? <MockSummary design={design} latest={latest} /> : null}
        {design?.whatIf ? (
          <p role="note" className="rounded-md border border-sky-300 bg-sky-50 p-2 text-sm dark:border-sky-700 dark:bg-sky-950" data-testid="what-if-note">
            This is a what-if copy: you may change the load, the mix and the targets in the scenario. Its scores never count toward
            your best score, interview stages or mock interviews.
          </p>
        ) : null}
        {save.kind === "error" && save.errors ? <DesignErrors errors={save.errors} title={save.message} /> : null}
        <DesignEditor
          initial={initialDocument}
          initialLayout={initialLayout}
          onChange={onChange}
          flushRef={flushEditor}
          readOnly={locked}
          toolbarExtra={toolbar}
          {...(highlight ? { highlight } : {})}
          {...(!signedIn && problem ? { draftKey: `practice:${problem.slug}` } : {})}
          {...(problem && !design?.whatIf ? { scenarioLockedReason: SCENARIO_LOCKED } : {})}
        />
        {problem && signedIn && !design?.whatIf && !design?.mockDeadline ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Want to see what happens at ten times the load or with a tighter target?{" "}
            <button type="button" className={linkClass("strong")} onClick={() => void openWhatIf()} disabled={whatIfBusy}>
              {whatIfBusy ? "Making a what-if copy…" : "Explore a what-if copy"}
            </button>{" "}
            (it never counts toward your scores).
          </p>
        ) : null}
      </div>
      <aside aria-label="Problem and result" className="min-w-0 rounded-md border border-slate-200 p-3 dark:border-slate-800">
        {problem ? (
          <Tabs
            label="Side panel"
            current={tab}
            onSelect={setTab}
            tabs={[
              { key: "brief", label: "Brief", panel: <ProblemBriefPanel problem={problem} /> },
              { key: "result", label: "Result", panel: resultArea, panelProps: { "data-evaluations": evaluations, "data-testid": "result-area" } },
            ]}
          />
        ) : (
          <>
            <h2 className="mb-3 font-semibold">Result</h2>
            <div data-evaluations={evaluations} data-testid="result-area">
              {resultArea}
            </div>
          </>
        )}
      </aside>
    </div>
  );
}

const SCENARIO_LOCKED =
  "The problem fixes the load, the read/write mix, the targets and where the users are; they are scored as given. Use “Explore a what-if copy” below the canvas to try other numbers.";

function targetsOf(doc: Design, problem: ProblemBrief | null): ResultTargets {
  return {
    p99Ms: doc.scenario?.targets?.p99Ms ?? problem?.scenario.targets.p99Ms ?? DEFAULTS.scenario.targetP99Ms,
    availability: doc.scenario?.targets?.availability ?? problem?.scenario.targets.availability ?? DEFAULTS.scenario.targetAvailability,
  };
}
