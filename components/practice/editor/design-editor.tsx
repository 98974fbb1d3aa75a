"use client";

import "@xyflow/react/dist/style.css";
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  MarkerType,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useDeferredValue, useEffect, useReducer, useRef, useState, type DragEvent, type ReactNode } from "react";
import { designToFlow, type DesignDocument, type DesignFlowEdge, type DesignFlowNode } from "@/lib/core/canvas/convert";
import { editorReducer, initialEditorState, moveKindOf } from "@/lib/core/canvas/editor-state";
import { canRedo, canUndo } from "@/lib/core/canvas/history";
import { isNodeKind } from "@/lib/core/canvas/kinds";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import { DesignNode } from "./design-node";
import { DesignOutline } from "./design-outline";
import { DraftBanner, useDraftOffer } from "./draft-banner";
import { EditorToolbar } from "./editor-toolbar";
import { EDITOR_CSS, fitOptions } from "./fit";
import { useRefitOnResize } from "./use-refit-on-resize";
import { DRAG_MIME, Palette } from "./palette";
import { PropertiesPanel } from "./properties-panel";
import { TextView } from "./text-view";
import { useChangeNotifier } from "./use-change-notifier";
import { ImportErrors, useDesignIo } from "./use-design-io";
import { useEditorCommands } from "./use-editor-commands";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useDarkMode } from "./use-environment";
import { useRenderElements } from "./use-render-elements";
import { ZoneOverlay } from "./zone-overlay";

export type { DesignDocument } from "@/lib/core/canvas/convert";

export type DesignEditorProps = {
  /** The document to start from. To load a different document later, remount the editor with a new `key`. */
  initial: DesignDocument;
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
   * acts on the latest document instead of waiting out the debounce.
   */
  flushRef?: { current: (() => void) | null };
};

const NODE_TYPES = { design: DesignNode };

export function DesignEditor(props: DesignEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  );
}

// The editor's pieces: state in a pure reducer (lib/core/canvas/editor-state), edits as commands, the keyboard
// path, change reporting and drafts, import/export, and what React Flow draws, each in its own hook.
function EditorInner({
  initial,
  onChange,
  highlight,
  readOnly = false,
  toolbarExtra,
  draftKey,
  scenarioLockedReason,
  flushRef,
}: DesignEditorProps) {
  const [state, dispatch] = useReducer(editorReducer, initial, initialEditorState);
  const { nodes, edges, meta } = state.hist.present;
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });
  const wrapperRef = useRef<HTMLDivElement>(null);
  const [textView, setTextView] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const dark = useDarkMode();
  // React Flow draws no node on the server (it places them once the browser has measured them), so the server's
  // HTML and the render that hydrates show a dotted placeholder instead of an empty flow. React Flow then mounts
  // as a deferred render, which React builds in slices that yield to the browser: built during hydration, it was
  // the longest task of the practice page's load (Lighthouse's total blocking time). Tests and scripts wait for
  // `data-hydrated`, which now also means the canvas is there.
  const canvasReady = useDeferredValue(useHydrated());
  // Must keep its identity: React Flow copies this prop over the options of a pending fitView() call whenever
  // it changes, which would drop the minimum zoom of large designs.
  const [initialFit] = useState(() => fitOptions(initial.nodes.length));

  const cmd = useEditorCommands({ dispatch, latest, wrapperRef, textView, announce: setAnnouncement });
  const { rf } = cmd;
  const canvasBox = useRef<HTMLDivElement>(null);
  useRefitOnResize(canvasBox, () => {
    const count = latest.current.hist.present.nodes.length;
    if (count > 0) void rf.fitView(fitOptions(count));
  }, !textView);
  const io = useDesignIo({ present: cmd.present, commit: cmd.commit, fitSoon: cmd.fitSoon, announce: setAnnouncement });
  const drafts = useDraftOffer(draftKey, readOnly, initial);
  useChangeNotifier({ rev: state.rev, latest, onChange, draftKey, flushRef });
  useEditorShortcuts(wrapperRef, readOnly, {
    undo: cmd.undo,
    redo: cmd.redo,
    copy: cmd.copy,
    paste: cmd.paste,
    deleteSelection: cmd.deleteSelection,
  });
  const { renderNodes, renderEdges, trackViewport } = useRenderElements({
    nodes,
    edges,
    stableNodes: (state.dragBase ?? state.hist.present).nodes,
    highlight,
    textView,
    rf,
  });

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignFlowNode>[]) =>
      dispatch({ type: "nodes", apply: (ns) => applyNodeChanges(changes, ns), move: moveKindOf(changes) }),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<DesignFlowEdge>[]) =>
      dispatch({ type: "edges", apply: (es) => applyEdgeChanges(changes, es) }),
    [],
  );
  const { connect, addKind } = cmd;
  const onConnect = useCallback((c: Connection) => void connect(c.source, c.target), [connect]);
  const isValidConnection = useCallback((c: Connection | DesignFlowEdge) => c.source !== c.target, []);

  const onDragOver = (e: DragEvent) => {
    if (readOnly || !e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  };
  const onDrop = (e: DragEvent) => {
    const kind = e.dataTransfer.getData(DRAG_MIME);
    if (readOnly || !isNodeKind(kind)) return;
    e.preventDefault();
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addKind(kind, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) });
  };

  const hasSelectedNodes = nodes.some((n) => n.selected);
  const hasSelection = hasSelectedNodes || edges.some((e) => e.selected);
  const selectAndFocusPanel = cmd.selectAndFocusPanel;

  return (
    <div
      ref={wrapperRef}
      className="rt-design-editor @container flex flex-col gap-2"
      data-testid="design-editor"
      data-hydrated={canvasReady ? "true" : undefined}
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
          layout: cmd.layout,
          fitView: () => void rf.fitView(fitOptions(nodes.length)),
          toggleTextView: () => setTextView((t) => !t),
          exportJson: io.exportJson,
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
            const doc = drafts.draft!.doc;
            cmd.commit(designToFlow(doc), "Draft restored");
            drafts.dismiss();
            cmd.fitSoon(doc.nodes.length);
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
            <div role="status" className="flex h-full items-center justify-center bg-[radial-gradient(circle,rgb(148_163_184/0.6)_1px,transparent_1.5px)] bg-size-[24px_24px] text-sm text-slate-600 dark:text-slate-400">
              Loading the canvas…
            </div>
          ) : (
            <div className="h-full" onDragOver={onDragOver} onDrop={onDrop}>
              <ReactFlow<DesignFlowNode, DesignFlowEdge>
                nodes={renderNodes}
                edges={renderEdges}
                nodeTypes={NODE_TYPES}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onConnect={onConnect}
                isValidConnection={isValidConnection}
                onlyRenderVisibleElements
                onInit={(inst) => trackViewport(inst.getViewport())}
                onMoveEnd={(_, vp) => trackViewport(vp)}
                deleteKeyCode={null}
                // A read-only canvas (the reference, a locked mock) must not trap the page's scrolling on a phone,
                // where it is as wide as the screen: zoom with the controls or a pinch, pan by dragging.
                preventScrolling={!readOnly}
                zoomOnScroll={!readOnly}
                nodesDraggable={!readOnly}
                nodesConnectable={!readOnly}
                colorMode={dark ? "dark" : "light"}
                minZoom={0.05}
                maxZoom={2}
                // Fitting an empty canvas would zoom onto the first node added; start at 100 % instead.
                fitView={initial.nodes.length > 0}
                fitViewOptions={initialFit}
                defaultViewport={{ x: 0, y: 0, zoom: 1 }}
                defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed } }}
                ariaLabelConfig={{
                  "node.a11yDescription.default":
                    "Press Enter to select this node, then use the arrow keys to move it.",
                }}
              >
                <ZoneOverlay nodes={nodes} />
                <Background gap={24} />
                <Controls showInteractive={false} aria-label="Zoom controls" />
                <MiniMap pannable zoomable ariaLabel="Minimap" />
              </ReactFlow>
            </div>
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
