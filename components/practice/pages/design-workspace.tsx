"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DesignEditor } from "@/components/practice/editor/design-editor";
import { measuredOnRequestPath } from "@/components/practice/result/latency-targets";
import { DesignErrors, ResultPanel } from "@/components/practice/result/result-panel";
import { figuresOf, formatUtc, movesBetween, type Figures, type Move, type ResultTargets } from "@/lib/core/canvas/result-format";
import { createDesign } from "@/lib/actions/create-design";
import { createWhatIfCopy } from "@/lib/actions/create-what-if";
import { evaluateSavedDesign } from "@/lib/actions/evaluate-design";
import { finishMockDesign } from "@/lib/actions/finish-mock-design";
import { saveDesign } from "@/lib/actions/save-design";
import type { EvaluationResult, ValidationError } from "@/lib/core/evaluator";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import type { Design } from "@/lib/schemas/design";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Tabs } from "@/components/ui/tabs";
import { callAction } from "@/components/use-action";
import { Alert } from "@/components/ui/alert";
import { MockTimer } from "./mock-timer";
import { registerSaveFlush } from "./save-flush";
import { ProblemBriefPanel } from "./problem-brief";
import { type ProblemBrief } from "./types";
import { buttonClass } from "@/components/ui/button";

const AUTOSAVE_MS = 1200;
// Server actions accept at most 1 MB (next.config.mjs), the same limit as POST /api/evaluate.
const MAX_DOCUMENT_BYTES = 1_000_000;

function tooLarge(doc: Design): string | null {
  const bytes = new TextEncoder().encode(JSON.stringify(doc)).length;
  return bytes > MAX_DOCUMENT_BYTES
    ? `This design is ${Math.round(bytes / 1000)} kB of JSON; designs are limited to ${MAX_DOCUMENT_BYTES / 1000} kB, so it was not sent.`
    : null;
}

type SaveState =
  | { kind: "clean"; at: string | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "anonymous" }
  | { kind: "error"; message: string; errors?: ValidationError[] };

type Shown = { result: EvaluationResult; document: Design; moves: Move[] | null };

export type WorkspaceProps = {
  problem: ProblemBrief | null;
  initialDocument: Design;
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
 * users' changes are saved on the server shortly after each edit; evaluation always runs on the server.
 */
export function DesignWorkspace({ problem, initialDocument, design, signedIn, latest, latestId = null, signInHref, refreshOnEvaluate = false }: WorkspaceProps) {
  const router = useRouter();
  const locked = design?.lockedAt != null;
  const docRef = useRef<Design>(initialDocument);
  const designIdRef = useRef<string | null>(design?.id ?? null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  const [save, setSave] = useState<SaveState>(signedIn ? { kind: "clean", at: null } : { kind: "anonymous" });
  const [shown, setShown] = useState<Shown | null>(latest ? { ...latest, moves: null } : null);
  const [seenLatestId, setSeenLatestId] = useState(latestId);
  if (latestId !== seenLatestId) {
    setSeenLatestId(latestId);
    if (latest) setShown({ ...latest, moves: null });
  }
  const [errors, setErrors] = useState<ValidationError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [evaluations, setEvaluations] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [tab, setTab] = useState<"brief" | "result">(problem && !latest ? "brief" : "result");
  const lastFigures = useRef<Figures | null>(latest ? figuresOf(latest.result) : null);
  // The editor reports changes ~300 ms after an edit; Evaluate asks it to report a pending one at once.
  const flushEditor = useRef<(() => void) | null>(null);

  const enqueue = useCallback(<T,>(job: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(job, job);
    chain.current = next.catch(() => undefined);
    return next;
  }, []);

  /** Creates the design on first save (signed in only); returns its id, or null after showing why not. */
  const ensureDesign = useCallback(async (): Promise<string | null> => {
    if (designIdRef.current) return designIdRef.current;
    const doc = docRef.current;
    const res = await callAction(() =>
      createDesign({ name: (problem?.title ?? doc.name ?? "Untitled design").slice(0, 200), problemId: problem?.slug ?? null, document: doc }),
    );
    if (!res.ok) {
      setSave({ kind: "error", message: res.error });
      return null;
    }
    if (!res.data.ok) {
      setSave({ kind: "error", message: "Not saved: the design is not valid.", errors: res.data.errors });
      return null;
    }
    designIdRef.current = res.data.id;
    if (problem) window.history.replaceState(null, "", `/practice/${problem.slug}?design=${res.data.id}`);
    return res.data.id;
  }, [problem]);

  const persist = useCallback(async () => {
    if (!signedIn || locked) return;
    const oversize = tooLarge(docRef.current);
    if (oversize) {
      setSave({ kind: "error", message: oversize });
      return;
    }
    setSave({ kind: "saving" });
    const existing = designIdRef.current;
    const id = await ensureDesign();
    if (!id) return;
    if (!existing) {
      setSave({ kind: "clean", at: new Date().toISOString() });
      return;
    }
    const res = await callAction(() => saveDesign({ designId: id, document: docRef.current }));
    if (!res.ok) {
      setSave({ kind: "error", message: res.error });
      if (res.status === 409) router.refresh();
      return;
    }
    if (!res.data.ok) {
      setSave({ kind: "error", message: "Not saved: the design is not valid.", errors: res.data.errors });
      return;
    }
    setSave({ kind: "clean", at: res.data.updatedAt });
  }, [signedIn, locked, ensureDesign, router]);

  const onChange = useCallback(
    (doc: Design) => {
      docRef.current = doc;
      setSelected(null);
      if (!signedIn || locked) return;
      setSave({ kind: "dirty" });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void enqueue(persist), AUTOSAVE_MS);
    },
    [signedIn, locked, enqueue, persist],
  );

  // The interview's buttons score what is saved: they flush a pending autosave first.
  useEffect(() => {
    registerSaveFlush(async () => {
      if (timer.current === undefined) return;
      window.clearTimeout(timer.current);
      timer.current = undefined;
      await enqueue(persist);
    });
    return () => registerSaveFlush(null);
  }, [enqueue, persist]);

  // Flush a pending save when the tab is closed or the page is left.
  useEffect(() => {
    const flush = () => {
      if (timer.current !== undefined) {
        window.clearTimeout(timer.current);
        timer.current = undefined;
        void enqueue(persist);
      }
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [enqueue, persist]);

  const show = useCallback((result: EvaluationResult, document: Design, previous: Figures | null) => {
    const current = figuresOf(result);
    setShown({ result, document, moves: previous ? movesBetween(previous, current) : null });
    lastFigures.current = current;
    setErrors(null);
    setSelected(null);
    setEvaluations((n) => n + 1);
  }, []);

  const evaluate = useCallback(async () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    setEvaluating(true);
    setFailure(null);
    setTab("result");
    // An edit not reported yet (or a field that committed on blur, i.e. on this very click) sits in the
    // editor's debounce: have it reported now so the latest version is scored.
    flushEditor.current?.();
    const doc = docRef.current;
    const oversize = tooLarge(doc);
    if (oversize) {
      setFailure(oversize);
      setEvaluating(false);
      return;
    }
    try {
      if (signedIn) {
        await enqueue(async () => {
          const id = await ensureDesign();
          if (!id) {
            setFailure("The design could not be saved, so it was not evaluated.");
            return;
          }
          const res = await callAction(() => evaluateSavedDesign(locked ? { designId: id } : { designId: id, document: doc }));
          if (!res.ok) {
            setFailure(res.error);
            if (res.status === 409) router.refresh();
            return;
          }
          if (!res.data.ok) {
            setErrors(res.data.errors);
            return;
          }
          const { evaluation, previous } = res.data;
          // This evaluation is already on screen with what moved; the page's refresh must not replace it.
          setSeenLatestId(evaluation.id);
          show(evaluation.result, evaluation.document, previous ? { score: previous.score, p99Ms: previous.p99Ms, availability: previous.availability } : null);
          if (!locked) setSave({ kind: "clean", at: evaluation.createdAt });
          if (refreshOnEvaluate) router.refresh();
        });
      } else {
        // Signed-out visitors are scored by the public evaluation endpoint; nothing is stored for them.
        const response = await fetch("/api/evaluate", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(doc) });
        const body = (await response.json().catch(() => null)) as (EvaluationResult & { errors?: ValidationError[]; error?: { message?: string } }) | null;
        if (response.ok && body && typeof body.score === "number") show(body, doc, lastFigures.current);
        else if (body?.errors?.length) setErrors(body.errors);
        else setFailure(body?.error?.message ?? `The evaluation failed (HTTP ${response.status}).`);
      }
    } catch {
      setFailure("The evaluation could not reach the server. Check your connection and try again.");
    } finally {
      setEvaluating(false);
    }
  }, [signedIn, locked, enqueue, ensureDesign, router, show, refreshOnEvaluate]);

  const expire = useCallback(() => {
    const id = designIdRef.current;
    if (!id) return;
    // An edit still waiting for autosave is part of what is handed in.
    const pending = timer.current !== undefined;
    window.clearTimeout(timer.current);
    timer.current = undefined;
    void enqueue(async () => {
      if (pending) await persist();
      await callAction(() => finishMockDesign({ designId: id }));
      router.refresh();
    });
  }, [enqueue, router, persist]);

  const [whatIfBusy, setWhatIfBusy] = useState(false);
  const openWhatIf = useCallback(async () => {
    setWhatIfBusy(true);
    const id = await enqueue(async () => ensureDesign());
    const res = id ? await callAction(() => createWhatIfCopy({ designId: id })) : null;
    setWhatIfBusy(false);
    if (res?.ok) router.push(`/designs/${res.data.id}`);
    else if (res) setFailure(res.error);
  }, [enqueue, ensureDesign, router]);

  const [confirmHandIn, setConfirmHandIn] = useState(false);

  const finding = selected !== null ? shown?.result.findings[selected] : undefined;
  const highlight = useMemo(() => (finding ? { nodeIds: finding.nodeIds, edgeIds: finding.edgeIds } : undefined), [finding]);

  const toolbar = (
    <button type="button" className={buttonClass("primary", "sm")} onClick={() => void evaluate()} disabled={evaluating} data-testid="evaluate">
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
            This mock interview ended at {formatUtc(design!.lockedAt!)}; the design is locked as that attempt. Duplicate it to keep
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
            <button type="button" className="font-medium text-brand-600 underline underline-offset-2 dark:text-brand-100" onClick={() => void openWhatIf()} disabled={whatIfBusy}>
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

/** The end-of-mock summary: how the attempt ended and what the score was made of. */
function MockSummary({ design, latest }: { design: NonNullable<WorkspaceProps["design"]>; latest: WorkspaceProps["latest"] }) {
  const early = design.lockedAt && design.mockDeadline ? Math.round((Date.parse(design.mockDeadline) - Date.parse(design.lockedAt)) / 60_000) : 0;
  const findings = latest?.result.findings ?? [];
  const serious = findings.filter((f) => f.severity === "critical" || f.severity === "major");
  return (
    <section aria-labelledby="mock-summary-heading" className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" data-testid="mock-summary">
      <h2 id="mock-summary-heading" className="font-semibold">
        Mock interview summary
      </h2>
      <p className="mt-1">{early > 0 ? `Handed in ${early} min before the deadline.` : "The time ran out; the design was handed in as last saved."}</p>
      {latest ? (
        <>
          <p className="mt-1">
            Score <strong>{latest.result.score} / 100</strong> (grade {latest.result.grade}):{" "}
            {measuredOnRequestPath(latest.result)
              ? `p99 ${Math.round(latest.result.latency.p99Ms)} ms, availability ${Number((latest.result.availability.estimate * 100).toFixed(3))} %`
              : "no latency or availability was measured, because no request reaches a backend"}
            , {serious.length} serious finding{serious.length === 1 ? "" : "s"} of {findings.length}.
          </p>
          {serious.length ? (
            <ul className="mt-1 list-disc pl-5">
              {serious.slice(0, 3).map((f, i) => (
                <li key={i}>{f.title}</li>
              ))}
            </ul>
          ) : null}
          <p className="mt-1">The full result, with what to fix and where to read about it, is in the Result panel.</p>
        </>
      ) : (
        <p className="mt-1">The last saved design could not be scored, so this attempt has no score.</p>
      )}
    </section>
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

function SaveStatus({ save, signInHref, locked }: { save: SaveState; signInHref: string; locked: boolean }) {
  let text: React.ReactNode;
  if (locked) text = "Locked";
  else if (save.kind === "anonymous")
    text = (
      <>
        You can sketch and evaluate without an account.{" "}
        <a href={signInHref} className="font-medium text-brand-600 underline underline-offset-2 dark:text-brand-100">
          Sign in to save your design
        </a>
        .
      </>
    );
  else if (save.kind === "dirty") text = "Unsaved changes";
  else if (save.kind === "saving") text = "Saving…";
  else if (save.kind === "error") text = <span className="text-red-700 dark:text-red-400">{save.message}</span>;
  else text = save.at ? `Saved at ${formatUtc(save.at)}` : "All changes saved";
  return (
    <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400" data-testid="save-status">
      {text}
    </p>
  );
}
