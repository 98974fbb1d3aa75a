import { useState } from "react";
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

  const importFile = async (file: File) => {
    setImportErrors(null);
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch (err) {
      setImportErrors({ title: `${file.name} is not valid JSON`, items: [err instanceof Error ? err.message : String(err)] });
      return;
    }
    // The format's checks (zod) load when a file is imported, not with the page.
    const { validateDesign } = await import("@/lib/core/evaluator/validate");
    const v = validateDesign(raw);
    if (!v.ok) {
      setImportErrors({
        title: `${file.name} is not a valid design; nothing was changed`,
        items: v.errors.map((er) => `${er.path || "(document)"}: ${er.message}`),
      });
      return;
    }
    // The checked input itself is kept (not zod's stripped copy) so fields from newer tools survive.
    const next = await designToFlowLaidOut(raw as DesignDocument);
    commit(next, `Imported ${file.name}`);
    fitSoon(next.nodes.length);
  };

  const exportJson = () => {
    const doc = flowToDesign(present());
    const url = `data:application/json;charset=utf-8,${encodeURIComponent(`${JSON.stringify(doc, null, 2)}\n`)}`;
    downloadDataUrl(url, `${fileSlug(doc.name)}.json`);
  };

  const exportImage = async (format: "png" | "svg") => {
    try {
      const s = present();
      const url = await exportDesignImage(s.nodes, s.edges, format, s.meta.name);
      downloadDataUrl(url, `${fileSlug(s.meta.name)}.${format}`);
    } catch (err) {
      announce(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return { importErrors, dismissImportErrors: () => setImportErrors(null), importFile, exportJson, exportImage };
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
