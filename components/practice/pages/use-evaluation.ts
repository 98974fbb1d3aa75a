import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { evaluateSavedDesign } from "@/lib/actions/evaluate-design";
import { figuresOf, movesBetween, type Figures, type Move } from "@/lib/core/canvas/result-format";
import type { EvaluationResult, ValidationError } from "@/lib/core/evaluator";
import type { Design } from "@/lib/schemas/design";
import { callAction } from "@/components/use-action";
import { tooLarge, type useAutosave } from "./use-autosave";

export type Shown = { result: EvaluationResult; document: Design; moves: Move[] | null };
export type LatestEvaluation = { result: EvaluationResult; document: Design } | null;

/**
 * Scoring on the server and what the result panel shows: signed-in users' designs are saved and scored as
 * a stored evaluation; signed-out visitors are scored by the public endpoint and nothing is stored. What moved
 * since the previous evaluation is shown beside the new result.
 */
export function useEvaluation({
  latest,
  latestId,
  signedIn,
  locked,
  refreshOnEvaluate,
  autosave,
  flushEditor,
  onShown,
}: {
  latest: LatestEvaluation;
  latestId: string | null;
  signedIn: boolean;
  locked: boolean;
  refreshOnEvaluate: boolean;
  autosave: ReturnType<typeof useAutosave>;
  /** Has the editor report an edit still in its debounce (or, during an import, the imported document). */
  flushEditor: { current: (() => void | Promise<void>) | null };
  /** Called before anything is scored and whenever a new result is shown. */
  onShown: () => void;
}) {
  const router = useRouter();
  const [shown, setShown] = useState<Shown | null>(latest ? { ...latest, moves: null } : null);
  // When the server has a newer stored evaluation (e.g. the interview scored the design), it is shown.
  const [seenLatestId, setSeenLatestId] = useState(latestId);
  if (latestId !== seenLatestId) {
    setSeenLatestId(latestId);
    if (latest) setShown({ ...latest, moves: null });
  }
  const [errors, setErrors] = useState<ValidationError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [evaluations, setEvaluations] = useState(0);
  const lastFigures = useRef<Figures | null>(latest ? figuresOf(latest.result) : null);

  const show = useCallback(
    (result: EvaluationResult, document: Design, previous: Figures | null) => {
      const current = figuresOf(result);
      setShown({ result, document, moves: previous ? movesBetween(previous, current) : null });
      lastFigures.current = current;
      setErrors(null);
      onShown();
      setEvaluations((n) => n + 1);
    },
    [onShown],
  );

  const { enqueue, ensureDesign, cancelScheduled, docRef, setSave } = autosave;
  const evaluate = useCallback(async () => {
    cancelScheduled();
    setEvaluating(true);
    setFailure(null);
    // An edit not reported yet (or a field that committed on blur, i.e. on this very click) sits in the
    // editor's debounce: have it reported now so the latest version is scored. A file being imported is what the
    // user means to score: wait for it rather than score the canvas it replaces.
    await flushEditor.current?.();
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
  }, [signedIn, locked, enqueue, ensureDesign, router, show, refreshOnEvaluate, cancelScheduled, docRef, setSave, flushEditor]);

  return { shown, errors, failure, setFailure, evaluating, evaluations, evaluate };
}
