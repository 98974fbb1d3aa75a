"use client";

// React Flow's stylesheet stays with the page's first load (it is CSS, no script): the canvas module below brings
// only React Flow's code.
import "@xyflow/react/dist/style.css";
import { lazy, Suspense, useCallback, useDeferredValue, useRef, useState, type ReactNode } from "react";
import type { DesignDocument } from "@/lib/core/canvas/convert";
import type { XY } from "@/lib/core/canvas/layout";
import { initialEditorState } from "@/lib/core/canvas/editor-state";
import { canRedo, canUndo } from "@/lib/core/canvas/history";
import { DesignOutline } from "./design-outline";
import { DraftBanner, useDraftOffer } from "./draft-banner";
import { EditorToolbar } from "./editor-toolbar";
import { EDITOR_CSS, fitOptions } from "./fit";
import type { FlowInstance } from "./flow-canvas";
import { useRefitOnResize } from "./use-refit-on-resize";
import { Palette } from "./palette";
import { PropertiesPanel } from "./properties-panel";
import { TextView } from "./text-view";
import { useChangeNotifier } from "./use-change-notifier";
import { ImportErrors, useDesignIo } from "./use-design-io";
import { useEditorCommands } from "./use-editor-commands";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { useEditorStore } from "./use-editor-store";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useDarkMode } from "./use-environment";

// React Flow (about 55 KiB of compressed script) and what only it draws are a chunk of their own, asked for once
// the page has hydrated: in the first load they were fetched before the page's largest paint and evaluated in
// its longest task, although the canvas only ever mounts after hydration (below). Everything else (toolbar,
// palette, properties, text view: the keyboard path) is here and works before the canvas arrives.
const FlowCanvas = lazy(() => import("./flow-canvas").then((m) => ({ default: m.FlowCanvas })));

export type { DesignDocument } from "@/lib/core/canvas/convert";

export type DesignEditorProps = {
  /** The document to start from. To load a different document later, remount the editor with a new `key`. */
  initial: DesignDocument;
  /**
   * Positions for the nodes of `initial` that have none (layoutOf in auto-layout.ts, run on the server). Without it
   * a document lacking positions waits for dagre to load before the editor renders.
   */
  initialLayout?: Record<string, XY> | undefined;
  /** Called ~300 ms after the last edit with the whole document. */
  onChange?: (doc: DesignDocument) => void;
  /** Nodes and edges to emphasise, e.g. those named by a finding. */
  highlight?: { nodeIds: string[]; edgeIds: string[] };
  readOnly?: boolean;
  /** Extra buttons for the toolbar (Evaluate, Save…). */
  toolbarExtra?: ReactNode;
  /** When set, the draft is autosaved to localStorage under this key and offered back on the next visit. */
  draftKey?: string;
  /** The scenario is fixed (a problem's design): the reason is shown and its fields are read-only. */
  scenarioLockedReason?: string;
  /**
   * Filled with a function that reports a pending edit through onChange at once, so a caller (Evaluate)
   * acts on the latest document instead of waiting out the debounce; while an import is replacing the canvas it
   * returns a promise that settles once the imported document has been reported.
   */
  flushRef?: { current: (() => void | Promise<void>) | null };
};

// The editor's pieces: state in a pure reducer (lib/core/canvas/editor-state), edits as commands, the keyboard
// path, change reporting and drafts, import/export, each in its own hook; what React Flow draws is flow-canvas.tsx.
export function DesignEditor(props: DesignEditorProps) {
  const { initial, initialLayout } = props;
  if (initialLayout || initial.nodes.every((n) => n.position)) return <Editor {...props} />;
  return (
    <Suspense fallback={null}>
      <LaidOutEditor {...props} />
    </Suspense>
  );
}

// A document with nodes that have no position and no layout from the server: the editor renders once dagre has
// laid it out (on the server too, where React waits for this module before it sends the editor).
const LaidOutEditor = lazy(() =>
  import("@/lib/core/canvas/auto-layout").then(({ layoutOf }) => ({
    default: function LaidOutEditor(props: DesignEditorProps) {
      const [laid] = useState(() => layoutOf(props.initial));
      return <Editor {...props} initialLayout={laid} />;
    },
  })),
);

function Editor({
  initial,
  initialLayout,
  onChange,
  highlight,
  readOnly = false,
  toolbarExtra,
  draftKey,
  scenarioLockedReason,
  flushRef,
}: DesignEditorProps) {
  const { state, dispatch, latest } = useEditorStore(() => initialEditorState(initial, initialLayout));
  const { nodes, edges, meta } = state.hist.present;
  const wrapperRef = useRef<HTMLDivElement>(null);
  const [textView, setTextView] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const dark = useDarkMode();
  // React Flow draws no node on the server (it places them once the browser has measured them), so the server's
  // HTML and the render that hydrates show a dotted placeholder instead of an empty flow. The canvas module is
  // then loaded and mounted as a deferred render, which React builds in slices that yield to the browser: built
  // during hydration, it was the longest task of the practice page's load (Lighthouse's total blocking time).
  // Tests and scripts wait for `data-hydrated`, which means the canvas has been drawn.
  const canvasReady = useDeferredValue(useHydrated());
  const rf = useRef<FlowInstance | null>(null);
  const [canvasShown, setCanvasShown] = useState(false);
  const onInstance = useCallback((instance: FlowInstance | null) => {
    rf.current = instance;
    if (instance) setCanvasShown(true);
  }, []);

  const cmd = useEditorCommands({ dispatch, latest, wrapperRef, rf, textView, announce: setAnnouncement });
  const canvasBox = useRef<HTMLDivElement>(null);
  useRefitOnResize(canvasBox, () => {
    const count = latest.current.hist.present.nodes.length;
    if (count > 0) void rf.current?.fitView(fitOptions(count));
  }, !textView);
  const io = useDesignIo({ present: cmd.present, commit: cmd.commit, fitSoon: cmd.fitSoon, announce: setAnnouncement });
  const drafts = useDraftOffer(draftKey, readOnly, initial);
  useChangeNotifier({ rev: state.rev, latest, onChange, draftKey, flushRef, importing: io.importing });
  useEditorShortcuts(wrapperRef, readOnly, {
    undo: cmd.undo,
    redo: cmd.redo,
    copy: cmd.copy,
    paste: cmd.paste,
    deleteSelection: cmd.deleteSelection,
  });
  const { connect, addKind } = cmd;

  const hasSelectedNodes = nodes.some((n) => n.selected);
  const hasSelection = hasSelectedNodes || edges.some((e) => e.selected);
  const selectAndFocusPanel = cmd.selectAndFocusPanel;

  return (
    <div
      ref={wrapperRef}
      className="rt-design-editor @container flex flex-col gap-2"
      data-testid="design-editor"
      data-hydrated={canvasShown ? "true" : undefined}
    >
      <EditorToolbar
        state={{
          readOnly,
          canUndo: canUndo(state.hist),
          canRedo: canRedo(state.hist),
          hasSelectedNodes,
          hasSelection,
          hasNodes: nodes.length > 0,
          textView,
        }}
        actions={{
          undo: cmd.undo,
          redo: cmd.redo,
          copy: cmd.copy,
          paste: cmd.paste,
          deleteSelection: cmd.deleteSelection,
          layout: () => void cmd.layout(),
          fitView: () => void rf.current?.fitView(fitOptions(nodes.length)),
          toggleTextView: () => setTextView((t) => !t),
          exportJson: () => void io.exportJson(),
          exportImage: (format) => void io.exportImage(format),
          importFile: (file) => void io.importFile(file),
        }}
        extra={toolbarExtra}
      />

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>

      {drafts.draft ? (
        <DraftBanner
          draft={drafts.draft}
          onRestore={() => {
            void io.restore(drafts.draft!.doc, "Draft restored").then((flow) => {
              if (flow) drafts.dismiss();
            });
          }}
          onDiscard={drafts.discard}
        />
      ) : null}

      {io.importErrors ? <ImportErrors problems={io.importErrors} onDismiss={io.dismissImportErrors} /> : null}

      <div
        className={`grid gap-3 ${
          readOnly
            ? "@5xl:grid-cols-[minmax(0,1fr)_19rem]"
            : "@3xl:grid-cols-[12rem_minmax(0,1fr)] @6xl:grid-cols-[13rem_minmax(0,1fr)_19rem]"
        }`}
      >
        {!readOnly ? (
          <div className="rounded-md border border-slate-200 p-2 @3xl:max-h-[72vh] @3xl:overflow-y-auto dark:border-slate-800">
            <Palette onAdd={(k) => addKind(k)} />
          </div>
        ) : null}
        <div ref={canvasBox} className={`${readOnly ? "h-[50vh] min-h-[320px]" : "h-[60vh] min-h-[420px]"} overflow-hidden rounded-md border border-slate-200 @3xl:h-[72vh] dark:border-slate-800`} data-testid="canvas-box">
          {textView ? (
            <div className="h-full overflow-auto">
              <TextView
                nodes={nodes}
                edges={edges}
                readOnly={readOnly}
                onAddNode={(k) => addKind(k)}
                onRemove={cmd.remove}
                onConnect={connect}
                onSelect={selectAndFocusPanel}
              />
            </div>
          ) : !canvasReady ? (
            canvasLoading
          ) : (
            <Suspense fallback={canvasLoading}>
              <FlowCanvas
                nodes={nodes}
                edges={edges}
                stableNodes={(state.dragBase ?? state.hist.present).nodes}
                highlight={highlight}
                readOnly={readOnly}
                dark={dark}
                initialCount={initial.nodes.length}
                dispatch={dispatch}
                connect={connect}
                addKind={addKind}
                onInstance={onInstance}
              />
            </Suspense>
          )}
        </div>
        <div
          data-properties-panel
          tabIndex={-1}
          className={`rounded-md border border-slate-200 p-3 ${readOnly ? "@5xl:max-h-[72vh] @5xl:overflow-y-auto" : "@3xl:col-span-2 @6xl:col-span-1 @6xl:max-h-[72vh] @6xl:overflow-y-auto"} dark:border-slate-800`}
        >
          <PropertiesPanel
            scenarioLockedReason={scenarioLockedReason}
            nodes={nodes}
            edges={edges}
            meta={meta}
            readOnly={readOnly}
            onNodePatch={cmd.patchNode}
            onEdgeProps={cmd.patchEdgeProps}
            onMeta={cmd.setMeta}
            onConnect={connect}
            onDelete={cmd.remove}
            onSelect={selectAndFocusPanel}
          />
        </div>
      </div>
      {readOnly ? <DesignOutline nodes={nodes} edges={edges} title="The design in words" /> : null}
      <style>{EDITOR_CSS}</style>
    </div>
  );
}

// The canvas's designed loading state, in the canvas's own box: on the server, while the page hydrates and while
// the canvas module loads. Its ground and dots are React Flow's own (style.css: transparent with #91919a dots, in
// dark #141414 with #555 dots), so the canvas arriving changes nothing but what is drawn on it.
const canvasLoading = (
  <div role="status" className="flex h-full items-center justify-center bg-[radial-gradient(circle,#91919a_1px,transparent_1.5px)] bg-size-[24px_24px] text-sm text-slate-600 dark:bg-[#141414] dark:bg-[radial-gradient(circle,#555_1px,transparent_1.5px)] dark:text-slate-400">
    Loading the canvas…
  </div>
);
