import { useCallback, useEffect, useRef, type Dispatch, type RefObject } from "react";
import { copySelection, pasteFragment, type Fragment } from "@/lib/core/canvas/clipboard";
import type { DesignMeta, FlowState } from "@/lib/core/canvas/convert";
import { selectedIds, type EditorAction, type EditorState } from "@/lib/core/canvas/editor-state";
import { componentNames } from "@/lib/core/canvas/kinds";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import { addEdge, addNode, removeElements, updateEdgeProps, updateNode, type NodePatch } from "@/lib/core/canvas/ops";
import type { NodeKind } from "@/lib/schemas/design";
import { fitOptions } from "./fit";
import type { FlowInstance } from "./flow-canvas";

// The clipboard is shared by every editor on the page, so a selection can be copied between designs.
let clipboard: Fragment | null = null;

/**
 * Every edit the editor offers, as commands shared by the toolbar, the keyboard, the palette, the text view
 * and the properties panel. Each reads the latest state (not a render's snapshot) and says what it did
 * through `announce`, for screen readers. React Flow's instance (`rf`) is there only once the canvas has loaded
 * and while it is shown (not in the text view): what moves the view does nothing without it.
 */
export function useEditorCommands({
  dispatch,
  latest,
  wrapperRef,
  rf,
  textView,
  announce,
}: {
  dispatch: Dispatch<EditorAction>;
  latest: RefObject<EditorState>;
  wrapperRef: RefObject<HTMLDivElement | null>;
  rf: RefObject<FlowInstance | null>;
  textView: boolean;
  announce: (message: string) => void;
}) {
  const present = useCallback(() => latest.current.hist.present, [latest]);
  const commit = useCallback(
    (next: FlowState, message?: string) => {
      dispatch({ type: "commit", next });
      if (message) announce(message);
    },
    [dispatch, announce],
  );
  const fitSoon = useCallback((count: number) => requestAnimationFrame(() => void rf.current?.fitView(fitOptions(count))), [rf]);

  // After a keyboard add, bring the new node into view and give it focus once React Flow has rendered it.
  const focusLoop = useRef(0);
  const focusNodeSoon = useCallback(
    (id: string, at: { x: number; y: number }) => {
      cancelAnimationFrame(focusLoop.current);
      const flow = rf.current;
      if (!flow) return;
      void flow.setCenter(at.x + NODE_WIDTH / 2, at.y + NODE_HEIGHT / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 0 });
      let tries = 0;
      const tryFocus = () => {
        const el = wrapperRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
        // React Flow keeps a node invisible (and so unfocusable) until it has been measured: retry until it takes.
        el?.focus();
        if ((!el || document.activeElement !== el) && tries++ < 60) focusLoop.current = requestAnimationFrame(tryFocus);
      };
      focusLoop.current = requestAnimationFrame(tryFocus);
    },
    [rf, wrapperRef],
  );
  useEffect(() => () => cancelAnimationFrame(focusLoop.current), []);

  const addKind = useCallback(
    (kind: NodeKind, position?: { x: number; y: number }) => {
      const r = addNode(present(), kind, position);
      commit(r.state, `Added ${componentNames(r.state.nodes.map((n) => n.data.node)).get(r.id)}`);
      const added = r.state.nodes.find((n) => n.id === r.id);
      if (!position && !textView && added) focusNodeSoon(r.id, added.position);
    },
    [commit, focusNodeSoon, textView, present],
  );

  const connect = useCallback(
    (from: string, to: string): string | null => {
      const r = addEdge(present(), from, to);
      if (!r.ok) {
        announce(r.reason);
        return r.reason;
      }
      const names = componentNames(r.state.nodes.map((n) => n.data.node));
      commit(r.state, `Connected ${names.get(from)} to ${names.get(to)}`);
      return null;
    },
    [commit, announce, present],
  );

  const remove = useCallback(
    (nodeIds: string[], edgeIds: string[]) => {
      if (nodeIds.length + edgeIds.length === 0) return;
      commit(removeElements(present(), nodeIds, edgeIds), `Deleted ${nodeIds.length + edgeIds.length} item(s)`);
    },
    [commit, present],
  );

  const deleteSelection = useCallback(() => {
    const { nodeIds, edgeIds } = selectedIds(present());
    remove(nodeIds, edgeIds);
  }, [remove, present]);

  const copy = useCallback(() => {
    const ids = selectedIds(present()).nodeIds;
    if (ids.length === 0) {
      announce("Select nodes to copy first");
      return;
    }
    clipboard = copySelection(present(), ids);
    announce(`Copied ${ids.length} node(s)`);
  }, [announce, present]);

  const paste = useCallback(() => {
    if (!clipboard || clipboard.nodes.length === 0) {
      announce("Nothing to paste");
      return;
    }
    const r = pasteFragment(present(), clipboard);
    commit(r.state, `Pasted ${r.nodeIds.length} node(s)`);
  }, [commit, announce, present]);

  const layout = useCallback(async () => {
    // dagre loads on the first Lay out, not with the page.
    const { autoLayout } = await import("@/lib/core/canvas/auto-layout");
    const s = present();
    const pos = autoLayout(
      s.nodes.map((n) => ({ id: n.id, kind: n.data.node.kind })),
      s.edges.map((e) => ({ from: e.source, to: e.target })),
    );
    commit({ ...s, nodes: s.nodes.map((n) => ({ ...n, position: pos.get(n.id) ?? n.position })) }, "Laid out left to right");
    fitSoon(s.nodes.length);
  }, [commit, fitSoon, present]);

  const undo = useCallback(() => {
    dispatch({ type: "undo" });
    announce("Undone");
  }, [dispatch, announce]);
  const redo = useCallback(() => {
    dispatch({ type: "redo" });
    announce("Redone");
  }, [dispatch, announce]);

  const patchNode = useCallback((id: string, patch: NodePatch) => commit(updateNode(present(), id, patch)), [commit, present]);
  const patchEdgeProps = useCallback(
    (id: string, p: Record<string, unknown> | undefined) => commit(updateEdgeProps(present(), id, p)),
    [commit, present],
  );
  const setMeta = useCallback((m: DesignMeta) => commit({ ...present(), meta: m }), [commit, present]);

  // Selecting from a list (text view, properties panel) moves focus to the panel that now describes it.
  const selectAndFocusPanel = useCallback(
    (kind: "node" | "edge", id: string) => {
      dispatch({ type: "select", kind, id });
      requestAnimationFrame(() => wrapperRef.current?.querySelector<HTMLElement>("[data-properties-panel]")?.focus());
    },
    [dispatch, wrapperRef],
  );

  return { present, commit, fitSoon, addKind, connect, remove, deleteSelection, copy, paste, layout, undo, redo, patchNode, patchEdgeProps, setMeta, selectAndFocusPanel };
}
