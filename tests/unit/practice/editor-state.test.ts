import { applyNodeChanges, type NodeChange } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import type { DesignDocument, DesignFlowNode } from "@/lib/core/canvas/convert";
import { editorReducer, initialEditorState, moveKindOf, selectedIds, type EditorAction } from "@/lib/core/canvas/editor-state";

const doc: DesignDocument = {
  version: 1,
  name: "Two boxes",
  nodes: [
    { id: "web", kind: "client", position: { x: 0, y: 0 } },
    { id: "api", kind: "service", position: { x: 300, y: 0 } },
  ],
  edges: [{ id: "e1", from: "web", to: "api" }],
} as DesignDocument;

const move = (id: string, x: number, dragging: boolean): EditorAction => {
  const changes: NodeChange<DesignFlowNode>[] = [{ type: "position", id, position: { x, y: 0 }, dragging }];
  return { type: "nodes", apply: (ns) => applyNodeChanges(changes, ns), move: moveKindOf(changes) };
};
const xOf = (s: ReturnType<typeof initialEditorState>, id: string) => s.hist.present.nodes.find((n) => n.id === id)!.position.x;

describe("editor state", () => {
  it("records a whole drag as one undo step, against the position before it started", () => {
    let s = initialEditorState(doc);
    for (const x of [10, 20, 30]) s = editorReducer(s, move("web", x, true));
    expect(s.hist.past).toHaveLength(0);
    expect(s.rev).toBe(0);
    s = editorReducer(s, move("web", 40, false));
    expect(s.hist.past).toHaveLength(1);
    expect(s.rev).toBe(1);
    expect(xOf(s, "web")).toBe(40);
    s = editorReducer(s, { type: "undo" });
    expect(xOf(s, "web")).toBe(0);
    s = editorReducer(s, { type: "redo" });
    expect(xOf(s, "web")).toBe(40);
  });

  it("does not count a drag that ends where it began as an edit", () => {
    let s = initialEditorState(doc);
    s = editorReducer(s, move("web", 50, true));
    s = editorReducer(s, move("web", 0, false));
    expect(s.hist.past).toHaveLength(0);
    expect(s.rev).toBe(0);
  });

  it("selects exactly one element without making an undo step or an edit", () => {
    let s = initialEditorState(doc);
    s = editorReducer(s, { type: "select", kind: "node", id: "api" });
    expect(selectedIds(s.hist.present)).toEqual({ nodeIds: ["api"], edgeIds: [] });
    s = editorReducer(s, { type: "select", kind: "edge", id: "e1" });
    expect(selectedIds(s.hist.present)).toEqual({ nodeIds: [], edgeIds: ["e1"] });
    expect(s.hist.past).toHaveLength(0);
    expect(s.rev).toBe(0);
  });

  it("ignores undo and redo with nothing to undo or redo", () => {
    const s = initialEditorState(doc);
    expect(editorReducer(s, { type: "undo" })).toBe(s);
    expect(editorReducer(s, { type: "redo" })).toBe(s);
  });
});
