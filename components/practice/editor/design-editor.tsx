"use client";

import "@xyflow/react/dist/style.css";
import { applyEdgeChanges, applyNodeChanges, Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore, MarkerType, ViewportPortal, type Connection, type EdgeChange, type NodeChange, type Viewport } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore, type DragEvent, type ReactNode } from "react";
import { copySelection, pasteFragment, type Fragment } from "@/lib/core/canvas/clipboard";
import { designToFlow, flowToDesign, type DesignDocument, type DesignFlowEdge, type DesignFlowNode, type DesignMeta, type FlowState } from "@/lib/core/canvas/convert";
import { draftStorageKey, parseDraft, serializeDraft, type Draft } from "@/lib/core/canvas/draft";
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, pushHistory, redo, replacePresent, undo, type History } from "@/lib/core/canvas/history";
import { KIND_CATALOGUE, isNodeKind } from "@/lib/core/canvas/kinds";
import { autoLayout, NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import { addEdge, addNode, removeElements, updateEdgeProps, updateNode, type NodePatch } from "@/lib/core/canvas/ops";
import { zoneBands, zoneLabelPositions } from "@/lib/core/canvas/zones";
import { validateDesign } from "@/lib/core/evaluator/validate";
import type { NodeKind } from "@/lib/schemas/design";
import { DesignNode } from "./design-node";
import { downloadDataUrl, exportDesignImage, fileSlug } from "./export-image";
import { DRAG_MIME, Palette } from "./palette";
import { PropertiesPanel } from "./properties-panel";
import { TextView } from "./text-view";
import { buttonClass } from "@/components/ui/button";

export { exportPng, exportSvg } from "./export-image";
export { clearDesignDraft } from "@/lib/core/canvas/draft";
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
const CHANGE_DEBOUNCE_MS = 300;

// Above this many nodes, "fit" stops at a zoom where nodes are still readable: drawing every one of 2,000 nodes
// and their edges at once is what makes a huge canvas sluggish, and the minimap already gives the overview.
const LARGE_DESIGN = 300;
// Never above 100 %: a small design is shown at its real size, not blown up. The right-hand padding keeps the
// minimap (bottom right, about 200 px wide) from covering a node after a fit.
// On a narrow screen the minimap is hidden (see EDITOR_CSS), so no room is kept for it there.
const FIT_PADDING = { top: "24px", left: "24px", bottom: "24px", right: "230px" } as const;
const narrowScreen = () => typeof window !== "undefined" && window.innerWidth < 700;
const fitOptions = (count: number) => {
  const padding = narrowScreen() ? 0.08 : FIT_PADDING;
  return count > LARGE_DESIGN ? { padding, minZoom: 0.6, maxZoom: 1 } : { padding, minZoom: 0.2, maxZoom: 1 };
};

// The clipboard is shared by every editor on the page, so a selection can be copied between designs.
let clipboard: Fragment | null = null;

type EditorState = { hist: History<FlowState>; dragBase: FlowState | null; rev: number };
type Action =
  | { type: "nodes"; changes: NodeChange<DesignFlowNode>[] }
  | { type: "edges"; changes: EdgeChange<DesignFlowEdge>[] }
  | { type: "commit"; next: FlowState }
  | { type: "select"; next: FlowState }
  | { type: "undo" }
  | { type: "redo" };

function samePositions(a: FlowState, b: FlowState): boolean {
  if (a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i];
    return m !== undefined && m.id === n.id && m.position.x === n.position.x && m.position.y === n.position.y;
  });
}

// Drags update the present on every frame without new undo steps; the step is recorded when the drag ends,
// against the state from before the drag.
function reducer(s: EditorState, a: Action): EditorState {
  switch (a.type) {
    case "nodes": {
      const present = s.hist.present;
      const next = { ...present, nodes: applyNodeChanges(a.changes, present.nodes) };
      const moves = a.changes.filter((c) => c.type === "position");
      if (moves.length === 0) return { ...s, hist: replacePresent(s.hist, next) };
      if (moves.some((c) => c.type === "position" && c.dragging)) {
        return { ...s, hist: replacePresent(s.hist, next), dragBase: s.dragBase ?? present };
      }
      const base = s.dragBase ?? present;
      if (samePositions(base, next)) return { ...s, hist: replacePresent(s.hist, next), dragBase: null };
      const past = [...s.hist.past, base];
      return {
        hist: { past: past.slice(Math.max(0, past.length - HISTORY_LIMIT)), present: next, future: [] },
        dragBase: null,
        rev: s.rev + 1,
      };
    }
    case "edges":
      return { ...s, hist: replacePresent(s.hist, { ...s.hist.present, edges: applyEdgeChanges(a.changes, s.hist.present.edges) }) };
    case "commit":
      return { hist: pushHistory(s.hist, a.next), dragBase: null, rev: s.rev + 1 };
    case "select":
      return { ...s, hist: replacePresent(s.hist, a.next) };
    case "undo":
      return canUndo(s.hist) ? { hist: undo(s.hist), dragBase: null, rev: s.rev + 1 } : s;
    case "redo":
      return canRedo(s.hist) ? { hist: redo(s.hist), dragBase: null, rev: s.rev + 1 } : s;
  }
}

function useDarkMode(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    const update = () => setDark(root.classList.contains("dark"));
    update();
    const obs = new MutationObserver(update);
    obs.observe(root, { attributes: true, attributeFilter: ["class"] });
    return () => obs.disconnect();
  }, []);
  return dark;
}

const noSubscription = () => () => {};
// True once React runs in the browser; tests and scripts wait for `data-hydrated` before interacting.
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));

export function DesignEditor(props: DesignEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  );
}

function EditorInner({ initial, onChange, highlight, readOnly = false, toolbarExtra, draftKey, scenarioLockedReason, flushRef }: DesignEditorProps) {
  const [state, dispatch] = useReducer(reducer, initial, (doc) => ({
    hist: createHistory(designToFlow(doc)),
    dragBase: null,
    rev: 0,
  }));
  const { nodes, edges, meta } = state.hist.present;
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });
  const rf = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const [textView, setTextView] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [importErrors, setImportErrors] = useState<{ title: string; items: string[] } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const dark = useDarkMode();
  const hydrated = useHydrated();
  // Must keep its identity: React Flow copies this prop over the options of a pending fitView() call whenever
  // it changes, which would drop the minimum zoom of large designs.
  const [initialFit] = useState(() => fitOptions(initial.nodes.length));

  const present = () => latest.current.hist.present;
  const commit = useCallback((next: FlowState, message?: string) => {
    dispatch({ type: "commit", next });
    if (message) setAnnouncement(message);
  }, []);

  // Debounced change notification and draft autosave, flushed if the editor unmounts while one is pending.
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    const doc = flowToDesign(latest.current.hist.present);
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
    if (state.rev === 0) return;
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(flush, CHANGE_DEBOUNCE_MS);
  }, [state.rev, flush]);
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

  // Offer a draft left from an earlier visit when it differs from what we were given.
  useEffect(() => {
    if (!draftKey || readOnly) return;
    let saved: Draft | null = null;
    try {
      saved = parseDraft(window.localStorage.getItem(draftStorageKey(draftKey)));
    } catch {
      saved = null;
    }
    // Storage is only readable after hydration, so the prompt appears in a second render by design.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved && JSON.stringify(saved.doc) !== JSON.stringify(initial)) setDraft(saved);
    // Only on mount: later edits write the draft themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // After a keyboard add, bring the new node into view and give it focus once React Flow has rendered it.
  const focusLoop = useRef(0);
  const focusNodeSoon = useCallback(
    (id: string, at: { x: number; y: number }) => {
      cancelAnimationFrame(focusLoop.current);
      void rf.setCenter(at.x + NODE_WIDTH / 2, at.y + NODE_HEIGHT / 2, { zoom: Math.max(rf.getZoom(), 0.8), duration: 0 });
      let tries = 0;
      const tryFocus = () => {
        const el = wrapperRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
        // React Flow keeps a node invisible (and so unfocusable) until it has been measured: retry until it takes.
        el?.focus();
        if ((!el || document.activeElement !== el) && tries++ < 60) focusLoop.current = requestAnimationFrame(tryFocus);
      };
      focusLoop.current = requestAnimationFrame(tryFocus);
    },
    [rf],
  );
  useEffect(() => () => cancelAnimationFrame(focusLoop.current), []);

  const addKind = useCallback(
    (kind: NodeKind, position?: { x: number; y: number }) => {
      const r = addNode(present(), kind, position);
      commit(r.state, `Added ${KIND_CATALOGUE[kind].title} ${r.id}`);
      const added = r.state.nodes.find((n) => n.id === r.id);
      if (!position && !textView && added) focusNodeSoon(r.id, added.position);
    },
    [commit, focusNodeSoon, textView],
  );

  const connect = useCallback(
    (from: string, to: string): string | null => {
      const r = addEdge(present(), from, to);
      if (!r.ok) {
        setAnnouncement(r.reason);
        return r.reason;
      }
      commit(r.state, `Connected ${from} to ${to}`);
      return null;
    },
    [commit],
  );

  const remove = useCallback(
    (nodeIds: string[], edgeIds: string[]) => {
      if (nodeIds.length + edgeIds.length === 0) return;
      commit(removeElements(present(), nodeIds, edgeIds), `Deleted ${nodeIds.length + edgeIds.length} item(s)`);
    },
    [commit],
  );

  const selectOne = useCallback((kind: "node" | "edge", id: string) => {
    const s = present();
    dispatch({
      type: "select",
      next: {
        ...s,
        nodes: s.nodes.map((n) => {
          const want = kind === "node" && n.id === id;
          return Boolean(n.selected) === want ? n : { ...n, selected: want };
        }),
        edges: s.edges.map((e) => {
          const want = kind === "edge" && e.id === id;
          return Boolean(e.selected) === want ? e : { ...e, selected: want };
        }),
      },
    });
  }, []);

  const deleteSelection = useCallback(() => {
    const s = present();
    remove(
      s.nodes.filter((n) => n.selected).map((n) => n.id),
      s.edges.filter((e) => e.selected).map((e) => e.id),
    );
  }, [remove]);

  const copy = useCallback(() => {
    const ids = present()
      .nodes.filter((n) => n.selected)
      .map((n) => n.id);
    if (ids.length === 0) {
      setAnnouncement("Select nodes to copy first");
      return;
    }
    clipboard = copySelection(present(), ids);
    setAnnouncement(`Copied ${ids.length} node(s)`);
  }, []);

  const paste = useCallback(() => {
    if (!clipboard || clipboard.nodes.length === 0) {
      setAnnouncement("Nothing to paste");
      return;
    }
    const r = pasteFragment(present(), clipboard);
    commit(r.state, `Pasted ${r.nodeIds.length} node(s)`);
  }, [commit]);

  const layout = useCallback(() => {
    const s = present();
    const pos = autoLayout(
      s.nodes.map((n) => ({ id: n.id, kind: n.data.node.kind })),
      s.edges.map((e) => ({ from: e.source, to: e.target })),
    );
    commit({ ...s, nodes: s.nodes.map((n) => ({ ...n, position: pos.get(n.id) ?? n.position })) }, "Laid out left to right");
    requestAnimationFrame(() => void rf.fitView(fitOptions(s.nodes.length)));
  }, [commit, rf]);

  const doUndo = useCallback(() => {
    dispatch({ type: "undo" });
    setAnnouncement("Undone");
  }, []);
  const doRedo = useCallback(() => {
    dispatch({ type: "redo" });
    setAnnouncement("Redone");
  }, []);

  // Shortcuts work while focus is inside the editor, and also when it fell back to the page body (e.g. the
  // focused node was just deleted or undone), so a keyboard user is never stranded.
  const onKeyDown = (e: globalThis.KeyboardEvent) => {
    const t = e.target;
    const inside = t instanceof Node && wrapperRef.current?.contains(t);
    if (e.defaultPrevented || (!inside && t !== document.body && t !== document.documentElement)) return;
    if (isTyping(t)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === "z" && !readOnly) {
      e.preventDefault();
      if (e.shiftKey) doRedo();
      else doUndo();
    } else if (mod && key === "y" && !readOnly) {
      e.preventDefault();
      doRedo();
    } else if (mod && key === "c") {
      e.preventDefault();
      copy();
    } else if (mod && key === "v" && !readOnly) {
      e.preventDefault();
      paste();
    } else if ((e.key === "Delete" || e.key === "Backspace") && !readOnly) {
      e.preventDefault();
      deleteSelection();
    }
  };

  const keyHandler = useRef(onKeyDown);
  useEffect(() => {
    keyHandler.current = onKeyDown;
  });
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => keyHandler.current(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<DesignFlowNode>[]) => dispatch({ type: "nodes", changes }), []);
  const onEdgesChange = useCallback((changes: EdgeChange<DesignFlowEdge>[]) => dispatch({ type: "edges", changes }), []);
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

  const importFile = async (file: File) => {
    setImportErrors(null);
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch (err) {
      setImportErrors({ title: `${file.name} is not valid JSON`, items: [err instanceof Error ? err.message : String(err)] });
      return;
    }
    const v = validateDesign(raw);
    if (!v.ok) {
      setImportErrors({
        title: `${file.name} is not a valid design; nothing was changed`,
        items: v.errors.map((er) => `${er.path || "(document)"}: ${er.message}`),
      });
      return;
    }
    // The checked input itself is kept (not zod's stripped copy) so fields from newer tools survive.
    const next = designToFlow(raw as DesignDocument);
    commit(next, `Imported ${file.name}`);
    requestAnimationFrame(() => void rf.fitView(fitOptions(next.nodes.length)));
  };

  const exportJson = () => {
    const doc = flowToDesign(present());
    const url = `data:application/json;charset=utf-8,${encodeURIComponent(`${JSON.stringify(doc, null, 2)}\n`)}`;
    downloadDataUrl(url, `${fileSlug(doc.name)}.json`);
  };
  const exportImage = async (format: "png" | "svg") => {
    try {
      const s = present();
      const url = await exportDesignImage(s.nodes, s.edges, format, meta.name);
      downloadDataUrl(url, `${fileSlug(meta.name)}.${format}`);
    } catch (err) {
      setAnnouncement(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  // Highlighted elements get a class; other node objects are passed through untouched so memoised nodes stay put.
  const nodeHighlight = useMemo(() => new Set(highlight?.nodeIds ?? []), [highlight]);
  const edgeHighlight = useMemo(() => new Set(highlight?.edgeIds ?? []), [highlight]);
  const renderNodes = useMemo(
    () => (nodeHighlight.size === 0 ? nodes : nodes.map((n) => (nodeHighlight.has(n.id) ? { ...n, className: "rt-highlight" } : n))),
    [nodes, nodeHighlight],
  );
  // Bring highlighted nodes (e.g. those a finding names) into view whenever the highlight changes.
  const highlightKey = (highlight?.nodeIds ?? []).join("\u0000");
  useEffect(() => {
    if (!highlightKey || textView) return;
    const ids = highlightKey.split("\u0000").filter((id) => rf.getNode(id));
    if (ids.length > 0) void rf.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.4, maxZoom: 1, duration: 300 });
  }, [highlightKey, textView, rf]);

  // On large designs React Flow would draw every edge whose bounding box crosses the screen, and long edges
  // cross it by the thousand; only edges touching a node near the screen are drawn. The filter is computed
  // from the layout before a drag started, so it stays the same array while a node is being dragged.
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const stableNodes = (state.dragBase ?? state.hist.present).nodes;
  const renderEdges = useMemo(() => {
    let list = edges;
    if (stableNodes.length > LARGE_DESIGN && viewport && paneWidth > 0 && paneHeight > 0) {
      const z = viewport.zoom;
      // A small margin, so edges of nodes just off screen are already there when panning starts.
      const mx = (paneWidth / z) * 0.15;
      const my = (paneHeight / z) * 0.15;
      const x0 = -viewport.x / z - mx;
      const y0 = -viewport.y / z - my;
      const x1 = (paneWidth - viewport.x) / z + mx;
      const y1 = (paneHeight - viewport.y) / z + my;
      const near = new Set<string>();
      for (const n of stableNodes) {
        const { x, y } = n.position;
        if (x + NODE_WIDTH >= x0 && x <= x1 && y + NODE_HEIGHT >= y0 && y <= y1) near.add(n.id);
      }
      list = edges.filter((e) => near.has(e.source) || near.has(e.target) || e.selected || edgeHighlight.has(e.id));
    }
    return list.map((e) => {
      const hl = edgeHighlight.has(e.id);
      const label = e.data?.edge.props?.protocol;
      return {
        ...e,
        ariaLabel: `Connection ${e.source} to ${e.target}`,
        ...(hl ? { className: "rt-highlight", animated: true } : {}),
        ...(label && edges.length <= 300 ? { label } : {}),
      };
    });
  }, [edges, edgeHighlight, stableNodes, viewport, paneWidth, paneHeight]);
  const bands = useMemo(() => zoneBands(nodes), [nodes]);

  const onPatch = useCallback((id: string, patch: NodePatch) => commit(updateNode(present(), id, patch)), [commit]);
  const onEdgeProps = useCallback(
    (id: string, p: Record<string, unknown> | undefined) => commit(updateEdgeProps(present(), id, p)),
    [commit],
  );
  const onMeta = useCallback((m: DesignMeta) => commit({ ...present(), meta: m }), [commit]);
  const selectAndFocusPanel = useCallback(
    (kind: "node" | "edge", id: string) => {
      selectOne(kind, id);
      requestAnimationFrame(() => wrapperRef.current?.querySelector<HTMLElement>("[data-properties-panel]")?.focus());
    },
    [selectOne],
  );

  const hasSelection = nodes.some((n) => n.selected) || edges.some((e) => e.selected);

  return (
    <div ref={wrapperRef} className="rt-design-editor @container flex flex-col gap-2" data-testid="design-editor" data-hydrated={hydrated ? "true" : undefined}>
      <div role="toolbar" aria-label="Canvas tools" className="flex flex-wrap items-center gap-1.5">
        {!readOnly && (
          <>
            <button type="button" className={buttonClass("secondary", "xs")} onClick={doUndo} disabled={!canUndo(state.hist)} aria-keyshortcuts="Control+Z">
              Undo
            </button>
            <button type="button" className={buttonClass("secondary", "xs")} onClick={doRedo} disabled={!canRedo(state.hist)} aria-keyshortcuts="Control+Shift+Z">
              Redo
            </button>
            <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-700" />
          </>
        )}
        <button type="button" className={buttonClass("secondary", "xs")} onClick={copy} disabled={!nodes.some((n) => n.selected)} aria-keyshortcuts="Control+C">
          Copy
        </button>
        {!readOnly && (
          <>
            <button type="button" className={buttonClass("secondary", "xs")} onClick={paste} aria-keyshortcuts="Control+V">
              Paste
            </button>
            <button type="button" className={buttonClass("secondary", "xs")} onClick={deleteSelection} disabled={!hasSelection} aria-keyshortcuts="Delete">
              Delete
            </button>
            <button type="button" className={buttonClass("secondary", "xs")} onClick={layout} disabled={nodes.length === 0}>
              Auto-layout
            </button>
          </>
        )}
        <button type="button" className={buttonClass("secondary", "xs")} onClick={() => void rf.fitView(fitOptions(nodes.length))} disabled={textView}>
          Fit view
        </button>
        <button type="button" className={buttonClass("secondary", "xs")} aria-pressed={textView} onClick={() => setTextView((t) => !t)}>
          Text view
        </button>
        <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-700" />
        <button type="button" className={buttonClass("secondary", "xs")} onClick={exportJson}>
          Export JSON
        </button>
        <button type="button" className={buttonClass("secondary", "xs")} onClick={() => void exportImage("png")}>
          Export PNG
        </button>
        <button type="button" className={buttonClass("secondary", "xs")} onClick={() => void exportImage("svg")}>
          Export SVG
        </button>
        {!readOnly && (
          <label className={`${buttonClass("secondary", "xs")} cursor-pointer focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-500`}>
            Import JSON
            <input
              type="file"
              accept="application/json,.json"
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void importFile(file);
              }}
            />
          </label>
        )}
        {toolbarExtra ? <div className="ml-auto flex flex-wrap items-center gap-1.5">{toolbarExtra}</div> : null}
      </div>

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>

      {draft ? (
        <div role="region" aria-label="Unsaved draft" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950">
          <span>An unsaved draft from {new Date(draft.savedAt).toLocaleString()} was found.</span>
          <button
            type="button"
            className={buttonClass("secondary", "xs")}
            onClick={() => {
              commit(designToFlow(draft.doc), "Draft restored");
              setDraft(null);
              requestAnimationFrame(() => void rf.fitView(fitOptions(draft.doc.nodes.length)));
            }}
          >
            Restore draft
          </button>
          <button
            type="button"
            className={buttonClass("secondary", "xs")}
            onClick={() => {
              if (draftKey) window.localStorage.removeItem(draftStorageKey(draftKey));
              setDraft(null);
            }}
          >
            Discard draft
          </button>
        </div>
      ) : null}

      {importErrors ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm dark:border-red-800 dark:bg-red-950">
          <div className="flex items-start gap-2">
            <p className="font-semibold">{importErrors.title}</p>
            <button type="button" className={`${buttonClass("secondary", "xs")} ml-auto`} onClick={() => setImportErrors(null)}>
              Dismiss
            </button>
          </div>
          <ul className="mt-1 max-h-48 list-disc overflow-auto pl-5 font-mono text-xs" aria-label="Problems found">
            {importErrors.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div
        className={`grid gap-3 ${
          readOnly ? "@5xl:grid-cols-[minmax(0,1fr)_19rem]" : "@3xl:grid-cols-[12rem_minmax(0,1fr)] @6xl:grid-cols-[13rem_minmax(0,1fr)_19rem]"
        }`}
      >
        {!readOnly ? (
          <div className="rounded-md border border-slate-200 p-2 @3xl:max-h-[72vh] @3xl:overflow-y-auto dark:border-slate-800">
            <Palette onAdd={(k) => addKind(k)} />
          </div>
        ) : null}
        <div className="h-[60vh] min-h-[420px] overflow-hidden rounded-md border border-slate-200 @3xl:h-[72vh] dark:border-slate-800">
          {textView ? (
            <div className="h-full overflow-auto">
              <TextView
                nodes={nodes}
                edges={edges}
                readOnly={readOnly}
                onAddNode={(k) => addKind(k)}
                onRemove={remove}
                onConnect={connect}
                onSelect={selectAndFocusPanel}
              />
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
                onInit={(inst) => setViewport(inst.getViewport())}
                onMoveEnd={(_, vp) => setViewport(vp)}
                deleteKeyCode={null}
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
                ariaLabelConfig={{ "node.a11yDescription.default": "Press Enter to select this node, then use the arrow keys to move it." }}
              >
                <ViewportPortal>
                  {bands.map((b) => (
                    <div
                      key={b.zone}
                      aria-hidden="true"
                      data-zone-band={b.zone}
                      className={`rt-zone-band rt-zone-${b.zone}`}
                      style={{ position: "absolute", zIndex: -1, transform: `translate(${b.x}px, ${b.y}px)`, width: b.width, height: b.height }}
                    />
                  ))}
                  {/* Labels in a pass of their own, above every band: an overlapping band never hides another's label. */}
                  {zoneLabelPositions(bands).map((l) => (
                    <span
                      key={`label-${l.zone}`}
                      aria-hidden="true"
                      className="rt-zone-label"
                      style={{ position: "absolute", zIndex: 0, transform: `translate(${l.x}px, ${l.y}px)` }}
                    >
                      {l.zone} zone
                    </span>
                  ))}
                </ViewportPortal>
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
            onNodePatch={onPatch}
            onEdgeProps={onEdgeProps}
            onMeta={onMeta}
            onConnect={connect}
            onDelete={remove}
            onSelect={selectAndFocusPanel}
          />
        </div>
      </div>
      <style>{EDITOR_CSS}</style>
    </div>
  );
}

// Zone bands and highlights; kept here so the editor has no global CSS beyond React Flow's own.
const EDITOR_CSS = `
.rt-design-editor .rt-zone-band { border: 1.5px dashed; border-radius: 12px; pointer-events: none; }
.rt-design-editor .rt-zone-public { border-color: rgb(14 165 233 / .6); background: rgb(14 165 233 / .06); }
.rt-design-editor .rt-zone-private { border-color: rgb(139 92 246 / .6); background: rgb(139 92 246 / .06); }
.rt-design-editor .rt-zone-data { border-color: rgb(245 158 11 / .7); background: rgb(245 158 11 / .07); }
.rt-design-editor .rt-zone-label { font-size: 12px; white-space: nowrap; pointer-events: none; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; opacity: .75; }
.rt-design-editor .react-flow__node.rt-highlight > div { box-shadow: 0 0 0 3px #ef4444, 0 0 14px rgb(239 68 68 / .5); }
.rt-design-editor .react-flow__edge.rt-highlight path { stroke: #ef4444; stroke-width: 3; }
.rt-design-editor .react-flow__node:focus-visible { outline: 2px solid #2f6fe4; outline-offset: 3px; border-radius: 10px; }
.rt-design-editor .react-flow__edge:focus-visible path { stroke: #2f6fe4; stroke-width: 3; }
@container (max-width: 40rem) { .rt-design-editor .react-flow__minimap { display: none; } }
`;
