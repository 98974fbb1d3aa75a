import { useEffect, useState } from "react";
import type { DesignDocument } from "@/lib/core/canvas/convert";
import { draftStorageKey, type Draft } from "@/lib/core/canvas/draft";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";

/** A draft left from an earlier visit, offered when it differs from the document the editor was given. */
export function useDraftOffer(draftKey: string | undefined, readOnly: boolean, initial: DesignDocument) {
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (!draftKey || readOnly) return;
    let raw: string | null = null;
    try {
      raw = window.localStorage.getItem(draftStorageKey(draftKey));
    } catch {
      raw = null;
    }
    if (raw === null) return;
    // Checking a draft takes the design schema (zod), fetched only when there is one: most visits have none.
    let live = true;
    void import("@/lib/core/canvas/draft-read").then(({ parseDraft }) => {
      const saved = parseDraft(raw);
      // Storage is only readable after hydration, so the prompt appears in a later render by design.
      if (live && saved && JSON.stringify(saved.doc) !== JSON.stringify(initial)) setDraft(saved);
    });
    return () => {
      live = false;
    };
    // Only on mount: later edits write the draft themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const discard = () => {
    if (draftKey) window.localStorage.removeItem(draftStorageKey(draftKey));
    setDraft(null);
  };
  return { draft, dismiss: () => setDraft(null), discard };
}

export function DraftBanner({ draft, onRestore, onDiscard }: { draft: Draft; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div role="region" aria-label="Unsaved draft" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950">
      <span>An unsaved draft from <LocalTime at={new Date(draft.savedAt)} /> was found.</span>
      <button type="button" className={buttonClass("secondary", "xs")} onClick={onRestore}>
        Restore draft
      </button>
      <button type="button" className={buttonClass("secondary", "xs")} onClick={onDiscard}>
        Discard draft
      </button>
    </div>
  );
}
