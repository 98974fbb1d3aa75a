"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { deleteDesign } from "@/lib/actions/delete-design";
import { duplicateDesign } from "@/lib/actions/duplicate-design";
import { renameDesign } from "@/lib/actions/rename-design";
import { ConfirmDialog } from "@/components/ui/dialog";
import { buttonClass } from "@/components/ui/button";
import { callAction } from "@/components/use-action";
import type { ActionResult } from "@/lib/schemas/action-result";

/** Rename, duplicate and delete for one design; used in the list and on the design's own page. */
export function DesignActions({
  designId,
  name,
  afterDelete = "refresh",
  openCopy = false,
}: {
  designId: string;
  name: string;
  afterDelete?: "refresh" | "list";
  openCopy?: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(name);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function run<T>(job: () => Promise<ActionResult<T>>): Promise<T | null> {
    setBusy(true);
    setMessage(null);
    const res = await callAction(job);
    setBusy(false);
    if (!res.ok) {
      setMessage({ error: true, text: res.error });
      return null;
    }
    return res.data;
  }

  async function rename(e: React.FormEvent) {
    e.preventDefault();
    const done = await run(() => renameDesign({ designId, name: draft }));
    if (done) {
      setRenaming(false);
      setMessage({ error: false, text: "Renamed." });
      router.refresh();
    }
  }

  async function duplicate() {
    const copy = await run(() => duplicateDesign({ designId }));
    if (!copy) return;
    if (openCopy) router.push(`/designs/${copy.id}`);
    else {
      setMessage({ error: false, text: `Created “${copy.name}”.` });
      router.refresh();
    }
  }

  async function remove() {
    const done = await run(() => deleteDesign({ designId }));
    setConfirming(false);
    if (!done) return;
    if (afterDelete === "list") router.push("/designs");
    else router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {renaming ? (
        <form onSubmit={rename} className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-name`} className="sr-only">
            New name for {name}
          </label>
          <input
            id={`${id}-name`}
            value={draft}
            maxLength={200}
            required
            onChange={(e) => setDraft(e.target.value)}
            className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
            autoFocus
          />
          <button type="submit" className={buttonClass("secondary", "sm")} disabled={busy}>
            Save name
          </button>
          <button
            type="button"
            className={buttonClass("secondary", "sm")}
            onClick={() => {
              setRenaming(false);
              setDraft(name);
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setRenaming(true)} aria-label={`Rename ${name}`}>
          Rename
        </button>
      )}
      <button type="button" className={buttonClass("secondary", "sm")} onClick={() => void duplicate()} disabled={busy} aria-label={`Duplicate ${name}`}>
        Duplicate
      </button>
      <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setConfirming(true)} disabled={busy} aria-label={`Delete ${name}`}>
        Delete
      </button>
      {message ? (
        <p role={message.error ? "alert" : "status"} className={`text-sm ${message.error ? "text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}>
          {message.text}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Delete this design?"
        body={
          <>
            “{name}” and all of its evaluations will be deleted. This cannot be undone.
          </>
        }
        confirmLabel="Delete design"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
