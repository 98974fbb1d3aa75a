import type { NodeChange } from "@xyflow/react";
import { designToFlow, type DesignDocument, type DesignFlowEdge, type DesignFlowNode, type FlowState } from "./convert";
import type { XY } from "./layout";
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, pushHistory, redo, replacePresent, undo, type History } from "./history";

// The editor's state as a pure reducer: the undo history, the state from before a drag, and a revision that
// counts document edits (selection changes and drag frames are not edits). React Flow's change appliers are
// runtime code this core may not import, so the editor passes them in as functions.

export type EditorState = { hist: History<FlowState>; dragBase: FlowState | null; rev: number };

/** What a batch of node changes does to the history: nothing moved, a drag is under way, or a move ended. */
export type MoveKind = "none" | "dragging" | "moved";

/** Classifies a batch of React Flow node changes for the history. */
export function moveKindOf(changes: readonly NodeChange[]): MoveKind {
  const moves = changes.filter((c) => c.type === "position");
  if (moves.length === 0) return "none";
  return moves.some((c) => c.type === "position" && c.dragging) ? "dragging" : "moved";
}

export type EditorAction =
  | { type: "nodes"; apply: (nodes: DesignFlowNode[]) => DesignFlowNode[]; move: MoveKind }
  | { type: "edges"; apply: (edges: DesignFlowEdge[]) => DesignFlowEdge[] }
  | { type: "commit"; next: FlowState }
  | { type: "select"; kind: "node" | "edge"; id: string }
  | { type: "undo" }
  | { type: "redo" };

/** `laid`: positions for the nodes the document has none for (designToFlow). */
export function initialEditorState(doc: DesignDocument, laid?: Readonly<Record<string, XY>>): EditorState {
  return { hist: createHistory(designToFlow(doc, laid)), dragBase: null, rev: 0 };
}

function samePositions(a: FlowState, b: FlowState): boolean {
  if (a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i];
    return m !== undefined && m.id === n.id && m.position.x === n.position.x && m.position.y === n.position.y;
  });
}

/** Selects exactly one node or edge; untouched elements keep their identity so memoised nodes stay put. */
export function selectOnly(s: FlowState, kind: "node" | "edge", id: string): FlowState {
  return {
    ...s,
    nodes: s.nodes.map((n) => {
      const want = kind === "node" && n.id === id;
      return Boolean(n.selected) === want ? n : { ...n, selected: want };
    }),
    edges: s.edges.map((e) => {
      const want = kind === "edge" && e.id === id;
      return Boolean(e.selected) === want ? e : { ...e, selected: want };
    }),
  };
}

export const selectedIds = (s: FlowState) => ({
  nodeIds: s.nodes.filter((n) => n.selected).map((n) => n.id),
  edgeIds: s.edges.filter((e) => e.selected).map((e) => e.id),
});

// Drags update the present on every frame without new undo steps; the step is recorded when the drag ends,
// against the state from before the drag.
export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  switch (a.type) {
    case "nodes": {
      const present = s.hist.present;
      const next = { ...present, nodes: a.apply(present.nodes) };
      if (a.move === "none") return { ...s, hist: replacePresent(s.hist, next) };
      if (a.move === "dragging") return { ...s, hist: replacePresent(s.hist, next), dragBase: s.dragBase ?? present };
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
      return { ...s, hist: replacePresent(s.hist, { ...s.hist.present, edges: a.apply(s.hist.present.edges) }) };
    case "commit":
      return { hist: pushHistory(s.hist, a.next), dragBase: null, rev: s.rev + 1 };
    case "select":
      return { ...s, hist: replacePresent(s.hist, selectOnly(s.hist.present, a.kind, a.id)) };
    case "undo":
      return canUndo(s.hist) ? { hist: undo(s.hist), dragBase: null, rev: s.rev + 1 } : s;
    case "redo":
      return canRedo(s.hist) ? { hist: redo(s.hist), dragBase: null, rev: s.rev + 1 } : s;
  }
}
