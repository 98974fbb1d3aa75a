import { useCallback, useEffect, useRef, type RefObject } from "react";
import { flowToDesign, type DesignDocument, type FlowState } from "@/lib/core/canvas/convert";
import { draftStorageKey, serializeDraft } from "@/lib/core/canvas/draft";
import type { EditorState } from "@/lib/core/canvas/editor-state";

const CHANGE_DEBOUNCE_MS = 300;

/**
 * Reports the document through onChange ~300 ms after the last edit (and autosaves the draft when a key is
 * given); a pending report is sent at once when the editor unmounts or when the caller calls flushRef. While an
 * import is replacing the canvas, flushRef's promise waits for it and reports the imported document.
 */
export function useChangeNotifier({
  rev,
  latest,
  onChange,
  draftKey,
  flushRef,
  importing,
}: {
  rev: number;
  latest: RefObject<EditorState>;
  onChange: ((doc: DesignDocument) => void) | undefined;
  draftKey: string | undefined;
  flushRef: { current: (() => void | Promise<void>) | null } | undefined;
  importing: () => Promise<FlowState | null> | null;
}) {
  const onChangeRef = useRef(onChange);
  const latestRef = useRef(latest);
  const importingRef = useRef(importing);
  useEffect(() => {
    onChangeRef.current = onChange;
    latestRef.current = latest;
    importingRef.current = importing;
  });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The revision last reported: an edit React has not rendered yet (so its debounce is not even scheduled) still
  // differs from it, and a flush reports it.
  const reportedRev = useRef(0);
  const report = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    const state = latestRef.current.current;
    reportedRev.current = state.rev;
    const doc = flowToDesign(state.hist.present);
    onChangeRef.current?.(doc);
    if (draftKey) {
      try {
        window.localStorage.setItem(draftStorageKey(draftKey), serializeDraft(doc, new Date()));
      } catch {
        // Storage full or disabled: the draft is a convenience, editing goes on.
      }
    }
  }, [draftKey]);
  const flush = useCallback(() => {
    if (latestRef.current.current.rev !== reportedRev.current) report();
  }, [report]);
  useEffect(() => {
    if (rev === 0) return;
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(flush, CHANGE_DEBOUNCE_MS);
  }, [rev, flush]);
  useEffect(() => () => flush(), [flush]);
  useEffect(() => {
    if (!flushRef) return;
    flushRef.current = () => {
      const running = importingRef.current();
      if (!running) return flush();
      // An import is replacing the canvas: report once it has committed (or changed nothing).
      return running.then(flush);
    };
    return () => {
      flushRef.current = null;
    };
  }, [flushRef, flush]);
}
