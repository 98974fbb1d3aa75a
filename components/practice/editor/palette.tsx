"use client";

import type { NodeKind } from "@/lib/schemas/design";
import { KINDS } from "@/lib/core/canvas/kinds";
import { KindIcon } from "./kind-icon";

export const DRAG_MIME = "application/x-roundtrip-kind";

// Each kind is a button: Enter or a click adds it in free space; dragging it onto the canvas drops it there.
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  return (
    <nav aria-label="Node palette">
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Add a node</h2>
      <p id="palette-help" className="sr-only">
        Press Enter to add the node in free space, or drag it onto the canvas.
      </p>
      <ul className="grid grid-cols-2 gap-1 @xl:grid-cols-3 @3xl:grid-cols-1">
        {KINDS.map((k) => (
          <li key={k.kind}>
            <button
              type="button"
              draggable
              aria-describedby="palette-help"
              aria-label={`Add ${k.title}`}
              title={k.description}
              data-kind={k.kind}
              onClick={() => onAdd(k.kind)}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_MIME, k.kind);
                e.dataTransfer.effectAllowed = "copy";
              }}
              className="flex w-full items-start gap-2 rounded-md border border-transparent px-2 py-1.5 text-left hover:border-slate-300 hover:bg-slate-50 dark:hover:border-slate-600 dark:hover:bg-slate-800"
            >
              <KindIcon kind={k.kind} className="mt-0.5 h-5 w-5 shrink-0 text-brand-600 dark:text-brand-500" />
              <span className="min-w-0">
                <span className="block text-sm font-medium">{k.title}</span>
                <span className="hidden text-xs leading-snug text-slate-500 @3xl:block dark:text-slate-400">{k.description}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
