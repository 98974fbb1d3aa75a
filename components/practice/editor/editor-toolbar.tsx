import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

const tool = buttonClass("secondary", "xs");

export type ToolbarState = {
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelectedNodes: boolean;
  hasSelection: boolean;
  hasNodes: boolean;
  textView: boolean;
};

export type ToolbarActions = {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  deleteSelection: () => void;
  layout: () => void;
  fitView: () => void;
  toggleTextView: () => void;
  exportJson: () => void;
  exportImage: (format: "png" | "svg") => void;
  importFile: (file: File) => void;
};

/** The canvas tools; every action here also has a keyboard shortcut or a non-drag path. */
export function EditorToolbar({ state: s, actions: a, extra }: { state: ToolbarState; actions: ToolbarActions; extra?: ReactNode }) {
  return (
    <div role="toolbar" aria-label="Canvas tools" className="flex flex-wrap items-center gap-1.5">
      {!s.readOnly && (
        <>
          <button type="button" className={tool} onClick={a.undo} disabled={!s.canUndo} aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button type="button" className={tool} onClick={a.redo} disabled={!s.canRedo} aria-keyshortcuts="Control+Shift+Z">
            Redo
          </button>
          <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-700" />
        </>
      )}
      <button type="button" className={tool} onClick={a.copy} disabled={!s.hasSelectedNodes} aria-keyshortcuts="Control+C">
        Copy
      </button>
      {!s.readOnly && (
        <>
          <button type="button" className={tool} onClick={a.paste} aria-keyshortcuts="Control+V">
            Paste
          </button>
          <button type="button" className={tool} onClick={a.deleteSelection} disabled={!s.hasSelection} aria-keyshortcuts="Delete">
            Delete
          </button>
          <button type="button" className={tool} onClick={a.layout} disabled={!s.hasNodes}>
            Auto-layout
          </button>
        </>
      )}
      <button type="button" className={tool} onClick={a.fitView} disabled={s.textView}>
        Fit view
      </button>
      <button type="button" className={tool} aria-pressed={s.textView} onClick={a.toggleTextView}>
        Text view
      </button>
      <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-700" />
      <button type="button" className={tool} onClick={a.exportJson}>
        Export JSON
      </button>
      <button type="button" className={tool} onClick={() => a.exportImage("png")}>
        Export PNG
      </button>
      <button type="button" className={tool} onClick={() => a.exportImage("svg")}>
        Export SVG
      </button>
      {!s.readOnly && (
        <label className={`${tool} cursor-pointer focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-500`}>
          Import JSON
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) a.importFile(file);
            }}
          />
        </label>
      )}
      {extra ? <div className="ml-auto flex flex-wrap items-center gap-1.5">{extra}</div> : null}
    </div>
  );
}
