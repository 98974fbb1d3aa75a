import { useCallback, useEffect, useRef, type RefObject } from "react";
import { flowToDesign, type DesignDocument } from "@/lib/core/canvas/convert";
import { draftStorageKey, serializeDraft } from "@/lib/core/canvas/draft";
import type { EditorState } from "@/lib/core/canvas/editor-state";

const CHANGE_DEBOUNCE_MS = 300;

/**
 * Reports the document through onChange ~300 ms after the last edit (and autosaves the draft when a key is
 * given); a pending report is sent at once when the editor unmounts or when the caller calls flushRef.
 */
export function useChangeNotifier({
  rev,
  latest,
  onChange,
  draftKey,
  flushRef,
}: {
  rev: number;
  latest: RefObject<EditorState>;
  onChange: ((doc: DesignDocument) => void) | undefined;
  draftKey: string | undefined;
  flushRef: { current: (() => void) | null } | undefined;
}) {
  const onChangeRef = useRef(onChange);
  const latestRef = useRef(latest);
  useEffect(() => {
    onChangeRef.current = onChange;
    latestRef.current = latest;
  });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    const doc = flowToDesign(latestRef.current.current.hist.present);
    onChangeRef.current?.(doc);
    if (draftKey) {
      try {
        window.localStorage.setItem(draftStorageKey(draftKey), serializeDraft(doc, new Date()));
      } catch {
        // Storage full or disabled: the draft is a convenience, editing goes on.
      }
    }
  }, [draftKey]);
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
      if (pending.current) flush();
    };
    return () => {
      flushRef.current = null;
    };
  }, [flushRef, flush]);
}
