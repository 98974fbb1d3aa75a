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
  const report = useCallback((doc: DesignDocument) => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    onChangeRef.current?.(doc);
    if (draftKey) {
      try {
        window.localStorage.setItem(draftStorageKey(draftKey), serializeDraft(doc, new Date()));
      } catch {
        // Storage full or disabled: the draft is a convenience, editing goes on.
      }
    }
  }, [draftKey]);
  const flush = useCallback(() => report(flowToDesign(latestRef.current.current.hist.present)), [report]);
  useEffect(() => {
    if (rev === 0) return;
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(flush, CHANGE_DEBOUNCE_MS);
  }, [rev, flush]);
  useEffect(
    () => () => {
      if (pending.current) flush();
    },
    [flush],
  );
  useEffect(() => {
    if (!flushRef) return;
    flushRef.current = () => {
      const running = importingRef.current();
      if (!running) {
        if (pending.current) flush();
        return;
      }
      // The editor has not rendered the imported document yet (latestRef still holds the one it replaces): report
      // what the import committed.
      return running.then((next) => {
        if (next) report(flowToDesign(next));
        else if (pending.current) flush();
      });
    };
    return () => {
      flushRef.current = null;
    };
  }, [flushRef, flush, report]);
}
