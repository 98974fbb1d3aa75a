"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DesignEditor } from "@/components/practice/editor/design-editor";
import { DesignErrors, ResultPanel } from "@/components/practice/result/result-panel";
import { figuresOf, formatUtc, movesBetween, type Figures, type Move, type ResultTargets } from "@/components/practice/result/format";
import { createDesign } from "@/lib/actions/create-design";
import { evaluateSavedDesign } from "@/lib/actions/evaluate-design";
import { finishMockDesign } from "@/lib/actions/finish-mock-design";
import { saveDesign } from "@/lib/actions/save-design";
import type { EvaluationResult, ValidationError } from "@/lib/evaluator";
import { DEFAULTS } from "@/lib/evaluator/defaults";
import type { Design } from "@/lib/schemas/design";
import { MockTimer } from "./mock-timer";
import { ProblemBriefPanel } from "./problem-brief";
import { primaryButton, secondaryButton, type ProblemBrief } from "./types";

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
  design: { id: string; name: string; lockedAt: string | null; mockDeadline: string | null; updatedAt: string } | null;
  signedIn: boolean;
  latest: { result: EvaluationResult; document: Design } | null;
  signInHref: string;
  /** Re-render the server page after a stored evaluation (its history list lives there). */
  refreshOnEvaluate?: boolean;
};

type ActionOutcome<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

async function call<T>(run: () => Promise<ActionOutcome<T>>): Promise<ActionOutcome<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, status: 500, error: "Something went wrong on our side. Please try again." };
  }
}

/**
 * The practice workspace: the canvas with the problem brief and the evaluator's result beside it. Signed-in
 * users' changes are saved on the server shortly after each edit; evaluation always runs on the server.
 */
export function DesignWorkspace({ problem, initialDocument, design, signedIn, latest, signInHref, refreshOnEvaluate = false }: WorkspaceProps) {
  const router = useRouter();
  const locked = design?.lockedAt != null;
  const docRef = useRef<Design>(initialDocument);
  const designIdRef = useRef<string | null>(design?.id ?? null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  const [save, setSave] = useState<SaveState>(signedIn ? { kind: "clean", at: null } : { kind: "anonymous" });
  const [shown, setShown] = useState<Shown | null>(latest ? { ...latest, moves: null } : null);
  const [errors, setErrors] = useState<ValidationError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [evaluations, setEvaluations] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [tab, setTab] = useState<"brief" | "result">(problem && !latest ? "brief" : "result");
  const lastFigures = useRef<Figures | null>(latest ? figuresOf(latest.result) : null);
  // The editor reports changes ~300 ms after an edit; Evaluate waits for that report when an edit is newer.
  const lastInteraction = useRef(0);
  const lastChange = useRef(0);
  const changeWaiter = useRef<(() => void) | null>(null);



  const enqueue = useCallback(<T,>(job: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(job, job);
    chain.current = next.catch(() => undefined);
    return next;
  }, []);

  /** Creates the design on first save (signed in only); returns its id, or null after showing why not. */
  const ensureDesign = useCallback(async (): Promise<string | null> => {
    if (designIdRef.current) return designIdRef.current;
    const doc = docRef.current;
    const res = await call(() =>
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
    const res = await call(() => saveDesign({ designId: id, document: docRef.current }));
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
      lastChange.current = Date.now();
      changeWaiter.current?.();
      setSelected(null);
      if (!signedIn || locked) return;
      setSave({ kind: "dirty" });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void enqueue(persist), AUTOSAVE_MS);
    },
    [signedIn, locked, enqueue, persist],
  );

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
    // An edit that is not reported yet (or a field that commits on blur, i.e. on this very click) arrives
    // within the editor's debounce; wait for it rather than scoring the previous version.
    if (lastInteraction.current > lastChange.current) {
      await new Promise<void>((resolve) => {
        changeWaiter.current = resolve;
        window.setTimeout(resolve, 400);
      });
      changeWaiter.current = null;
    }
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
          const res = await call(() => evaluateSavedDesign(locked ? { designId: id } : { designId: id, document: doc }));
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
    void enqueue(async () => {
      await call(() => finishMockDesign({ designId: id }));
      router.refresh();
    });
  }, [enqueue, router]);

  const handIn = useCallback(() => {
    if (window.confirm("Hand in now? The design is scored and locked; you cannot edit it afterwards.")) expire();
  }, [expire]);

  const noteInteraction = useCallback((e: React.SyntheticEvent) => {
    if (!(e.target instanceof Element) || !e.target.closest("[data-testid=evaluate]")) lastInteraction.current = Date.now();
  }, []);

  const finding = selected !== null ? shown?.result.findings[selected] : undefined;
  const highlight = useMemo(() => (finding ? { nodeIds: finding.nodeIds, edgeIds: finding.edgeIds } : undefined), [finding]);

  const toolbar = (
    <button type="button" className={primaryButton} onClick={() => void evaluate()} disabled={evaluating} data-testid="evaluate">
      {evaluating ? "Evaluating…" : "Evaluate"}
    </button>
  );

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div
        className="min-w-0 space-y-2"
        onPointerUpCapture={noteInteraction}
        onKeyUpCapture={noteInteraction}
        onInputCapture={noteInteraction}
        onChangeCapture={noteInteraction}
        onDropCapture={noteInteraction}
      >
        <div className="flex flex-wrap items-center gap-3">
          <SaveStatus save={save} signInHref={signInHref} locked={locked} />
          {design?.mockDeadline && !locked ? (
            <div className="ml-auto flex items-center gap-2">
              <MockTimer deadline={design.mockDeadline} onExpire={expire} />
              <button type="button" className={secondaryButton} onClick={handIn}>
                Hand in now
              </button>
            </div>
          ) : null}
        </div>
        {locked ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950">
            This mock interview ended at {formatUtc(design!.lockedAt!)}; the design is locked as that attempt. Duplicate it to keep
            working on it.
          </p>
        ) : null}
        {save.kind === "error" && save.errors ? <DesignErrors errors={save.errors} title={save.message} /> : null}
        <DesignEditor
          initial={initialDocument}
          onChange={onChange}
          readOnly={locked}
          toolbarExtra={toolbar}
          {...(highlight ? { highlight } : {})}
          {...(!signedIn && problem ? { draftKey: `practice:${problem.slug}` } : {})}
        />
      </div>
      <aside aria-label="Problem and result" className="min-w-0 rounded-md border border-slate-200 p-3 dark:border-slate-800">
        {problem ? (
          <div role="tablist" aria-label="Side panel" className="mb-3 flex gap-1 border-b border-slate-200 dark:border-slate-800">
            <TabButton id="brief" current={tab} onSelect={setTab}>
              Brief
            </TabButton>
            <TabButton id="result" current={tab} onSelect={setTab}>
              Result
            </TabButton>
          </div>
        ) : (
          <h2 className="mb-3 font-semibold">Result</h2>
        )}
        {problem ? (
          <div role="tabpanel" id="panel-brief" aria-labelledby="tab-brief" hidden={tab !== "brief"} tabIndex={0}>
            <ProblemBriefPanel problem={problem} />
          </div>
        ) : null}
        <div
          {...(problem ? { role: "tabpanel", id: "panel-result", "aria-labelledby": "tab-result", tabIndex: 0 } : {})}
          hidden={problem ? tab !== "result" : false}
          data-evaluations={evaluations}
          data-testid="result-area"
        >
          <div aria-live="polite" className="space-y-3">
            {evaluating ? <p className="text-sm">Scoring on the server…</p> : null}
            {failure ? (
              <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm dark:border-red-800 dark:bg-red-950">
                {failure}
              </p>
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
        </div>
      </aside>
    </div>
  );
}

function targetsOf(doc: Design, problem: ProblemBrief | null): ResultTargets {
  return {
    p99Ms: doc.scenario?.targets?.p99Ms ?? problem?.scenario.targets.p99Ms ?? DEFAULTS.scenario.targetP99Ms,
    availability: doc.scenario?.targets?.availability ?? problem?.scenario.targets.availability ?? DEFAULTS.scenario.targetAvailability,
  };
}

function TabButton({
  id,
  current,
  onSelect,
  children,
}: {
  id: "brief" | "result";
  current: "brief" | "result";
  onSelect: (t: "brief" | "result") => void;
  children: React.ReactNode;
}) {
  const active = id === current;
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={active}
      aria-controls={`panel-${id}`}
      tabIndex={active ? 0 : -1}
      onClick={() => onSelect(id)}
      onKeyDown={(e) => {
        if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
          const other = id === "brief" ? "result" : "brief";
          onSelect(other);
          requestAnimationFrame(() => document.getElementById(`tab-${other}`)?.focus());
        }
      }}
      className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${active ? "border-brand-600 text-brand-700 dark:text-brand-100" : "border-transparent text-slate-600 dark:text-slate-400"}`}
    >
      {children}
    </button>
  );
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
