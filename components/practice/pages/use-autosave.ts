import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { createDesign } from "@/lib/actions/create-design";
import { saveDesign } from "@/lib/actions/save-design";
import type { ValidationError } from "@/lib/core/evaluator";
import type { Design } from "@/lib/schemas/design";
import { callAction } from "@/components/use-action";
import { registerSaveFlush } from "./save-flush";
import type { ProblemBrief } from "./types";

const AUTOSAVE_MS = 1200;
// Server actions accept at most 1 MB (next.config.mjs), the same limit as POST /api/evaluate.
const MAX_DOCUMENT_BYTES = 1_000_000;

export function tooLarge(doc: Design): string | null {
  const bytes = new TextEncoder().encode(JSON.stringify(doc)).length;
  return bytes > MAX_DOCUMENT_BYTES
    ? `This design is ${Math.round(bytes / 1000)} kB of JSON; designs are limited to ${MAX_DOCUMENT_BYTES / 1000} kB, so it was not sent.`
    : null;
}

export type SaveState =
  | { kind: "clean"; at: string | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "anonymous" }
  | { kind: "error"; message: string; errors?: ValidationError[] };

/**
 * The workspace's copy of the document and its autosave: signed-in users' edits are saved ~1.2 s after the
 * editor reports them, one request at a time (every server call goes through `enqueue`), and a pending save
 * is sent when the page is left or when the interview asks for it. The design row is created on first save.
 */
export function useAutosave({
  problem,
  initialDocument,
  designId,
  signedIn,
  locked,
}: {
  problem: ProblemBrief | null;
  initialDocument: Design;
  designId: string | null;
  signedIn: boolean;
  locked: boolean;
}) {
  const router = useRouter();
  const docRef = useRef<Design>(initialDocument);
  const designIdRef = useRef<string | null>(designId);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  const [save, setSave] = useState<SaveState>(signedIn ? { kind: "clean", at: null } : { kind: "anonymous" });

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

  /** Takes the editor's latest document and schedules a save. */
  const edited = useCallback(
    (doc: Design) => {
      docRef.current = doc;
      if (!signedIn || locked) return;
      setSave({ kind: "dirty" });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void enqueue(persist), AUTOSAVE_MS);
    },
    [signedIn, locked, enqueue, persist],
  );

  /** Cancels a scheduled save; true when one was waiting (its edit has not reached the server yet). */
  const cancelScheduled = useCallback((): boolean => {
    const pending = timer.current !== undefined;
    window.clearTimeout(timer.current);
    timer.current = undefined;
    return pending;
  }, []);

  // The interview's buttons score what is saved: they flush a pending autosave first.
  useEffect(() => {
    registerSaveFlush(async () => {
      if (!cancelScheduled()) return;
      await enqueue(persist);
    });
    return () => registerSaveFlush(null);
  }, [enqueue, persist, cancelScheduled]);

  // Flush a pending save when the tab is closed or the page is left.
  useEffect(() => {
    const flush = () => {
      if (cancelScheduled()) void enqueue(persist);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [enqueue, persist, cancelScheduled]);

  return { docRef, designIdRef, save, setSave, enqueue, ensureDesign, persist, edited, cancelScheduled };
}
