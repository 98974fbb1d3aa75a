import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/local-time";
import type { SaveState } from "./use-autosave";
import { linkClass } from "@/components/ui/link";

export function SaveStatus({ save, signInHref, locked }: { save: SaveState; signInHref: string; locked: boolean }) {
  let text: ReactNode;
  if (locked) text = "Locked";
  else if (save.kind === "anonymous")
    text = (
      <>
        You can sketch and evaluate without an account.{" "}
        <a href={signInHref} className={linkClass("strong")}>
          Sign in to save your design
        </a>
        .
      </>
    );
  else if (save.kind === "dirty") text = "Unsaved changes";
  else if (save.kind === "saving") text = "Saving…";
  else if (save.kind === "error") text = <span className="text-red-700 dark:text-red-400">{save.message}</span>;
  else text = save.at ? (
      <>
        Saved at <LocalTime at={save.at} />
      </>
    ) : (
      "All changes saved"
    );
  return (
    <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400" data-testid="save-status">
      {text}
    </p>
  );
}
