import { useRef, useState } from "react";
import { designToFlowLaidOut, flowToDesign, type DesignDocument, type FlowState } from "@/lib/core/canvas/convert";
import { buttonClass } from "@/components/ui/button";
import { downloadDataUrl, exportDesignImage, fileSlug } from "./export-image";

export type ImportProblems = { title: string; items: string[] };

/** Import of a JSON design (checked before anything changes) and export as JSON, PNG or SVG. */
export function useDesignIo({
  present,
  commit,
  fitSoon,
  announce,
}: {
  present: () => FlowState;
  commit: (next: FlowState, message?: string) => void;
  fitSoon: (count: number) => void;
  announce: (message: string) => void;
}) {
  const [importErrors, setImportErrors] = useState<ImportProblems | null>(null);

  // The import or restore under way, if any: it waits for code loaded on demand, and whatever comes next waits for
  // it: Evaluate and Export act on the design it puts on the canvas (not the one it is replacing), and a second
  // import or a restore lands after it, so the last one asked for is the one that stays. A ref, not state:
  // nothing re-renders (disabling the buttons meanwhile re-rendered the canvas mid-import).
  const inFlight = useRef<Promise<FlowState | null> | null>(null);
  const afterInFlight = (task: () => Promise<FlowState | null>): Promise<FlowState | null> => {
    const run = (inFlight.current ?? Promise.resolve(null)).then(task);
    inFlight.current = run;
    void run.then(() => {
      if (inFlight.current === run) inFlight.current = null;
    });
    return run;
  };

  /** Resolves with what the import put on the canvas, or null when it changed nothing. */
  const load = async (file: File): Promise<FlowState | null> => {
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch (err) {
      setImportErrors({ title: `${file.name} is not valid JSON`, items: [err instanceof Error ? err.message : String(err)] });
      return null;
    }
    // The format's checks (zod) load when a file is imported, not with the page.
    const { validateDesign } = await import("@/lib/core/evaluator/validate");
    const v = validateDesign(raw);
    if (!v.ok) {
      setImportErrors({
        title: `${file.name} is not a valid design; nothing was changed`,
        items: v.errors.map((er) => `${er.path || "(document)"}: ${er.message}`),
      });
      return null;
    }
    // The checked input itself is kept (not zod's stripped copy) so fields from newer tools survive.
    const next = await designToFlowLaidOut(raw as DesignDocument);
    commit(next, `Imported ${file.name}`);
    fitSoon(next.nodes.length);
    return next;
  };

  const importFile = (file: File): Promise<FlowState | null> => {
    setImportErrors(null);
    return afterInFlight(() =>
      load(file).catch((err: unknown) => {
        // The checks or the layout failed to load (offline, a new deployment): said, not an unhandled rejection.
        setImportErrors({ title: `${file.name} could not be imported; nothing was changed`, items: [err instanceof Error ? err.message : String(err)] });
        return null;
      }),
    );
  };

  /** Puts a checked document (a stored draft) on the canvas, after any import under way. */
  const restore = (doc: DesignDocument, message: string): Promise<FlowState | null> =>
    afterInFlight(async () => {
      try {
        const next = await designToFlowLaidOut(doc);
        commit(next, message);
        fitSoon(doc.nodes.length);
        return next;
      } catch (err) {
        announce(`Restore failed: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }
    });

  const settled = () => inFlight.current ?? Promise.resolve(null);

  const exportJson = async () => {
    await settled();
    const doc = flowToDesign(present());
    const url = `data:application/json;charset=utf-8,${encodeURIComponent(`${JSON.stringify(doc, null, 2)}\n`)}`;
    downloadDataUrl(url, `${fileSlug(doc.name)}.json`);
  };

  const exportImage = async (format: "png" | "svg") => {
    try {
      await settled();
      const s = present();
      const url = await exportDesignImage(s.nodes, s.edges, format, s.meta.name);
      downloadDataUrl(url, `${fileSlug(s.meta.name)}.${format}`);
    } catch (err) {
      announce(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return { importErrors, dismissImportErrors: () => setImportErrors(null), importFile, restore, importing: () => inFlight.current, exportJson, exportImage };
}

export function ImportErrors({ problems, onDismiss }: { problems: ImportProblems; onDismiss: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm dark:border-red-800 dark:bg-red-950">
      <div className="flex items-start gap-2">
        <p className="font-semibold">{problems.title}</p>
        <button type="button" className={`${buttonClass("secondary", "xs")} ml-auto`} onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <ul className="mt-1 max-h-48 list-disc overflow-auto pl-5 font-mono text-xs" aria-label="Problems found">
        {problems.items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
