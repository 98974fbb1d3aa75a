"use client";

import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  MarkerType,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useCallback, useEffect, useState, type Dispatch, type DragEvent } from "react";
import type { DesignFlowEdge, DesignFlowNode } from "@/lib/core/canvas/convert";
import { moveKindOf, type EditorAction } from "@/lib/core/canvas/editor-state";
import { isNodeKind } from "@/lib/core/canvas/kinds";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import type { NodeKind } from "@/lib/schemas/design";
import { DesignNode } from "./design-node";
import { fitOptions } from "./fit";
import { DRAG_MIME } from "./palette";
import { useRenderElements } from "./use-render-elements";
import { ZoneOverlay } from "./zone-overlay";

export type FlowInstance = ReactFlowInstance<DesignFlowNode, DesignFlowEdge>;

export type FlowCanvasProps = {
  nodes: DesignFlowNode[];
  edges: DesignFlowEdge[];
  /** The nodes as they were before a drag started (the present otherwise). */
  stableNodes: DesignFlowNode[];
  highlight: { nodeIds: string[]; edgeIds: string[] } | undefined;
  readOnly: boolean;
  dark: boolean;
  /** How many nodes the editor started with: an empty canvas starts at 100 % instead of fitting. */
  initialCount: number;
  dispatch: Dispatch<EditorAction>;
  connect: (from: string, to: string) => string | null;
  addKind: (kind: NodeKind, position?: { x: number; y: number }) => void;
  /** Given React Flow's instance once the canvas is mounted (null when it unmounts), for the editor's commands. */
  onInstance: (rf: FlowInstance | null) => void;
};

const NODE_TYPES = { design: DesignNode };

/**
 * What React Flow draws: the nodes, edges, zone bands, zoom controls and minimap, with dragging, connecting and
 * dropping from the palette. A module of its own, loaded by the editor (design-editor.tsx) once the page has
 * hydrated, so React Flow is neither fetched nor evaluated before the page can be read and used.
 */
export function FlowCanvas(props: FlowCanvasProps) {
  return (
    <ReactFlowProvider>
      <FlowInner {...props} />
    </ReactFlowProvider>
  );
}

function FlowInner({ nodes, edges, stableNodes, highlight, readOnly, dark, initialCount, dispatch, connect, addKind, onInstance }: FlowCanvasProps) {
  const rf = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  useEffect(() => {
    onInstance(rf);
    return () => onInstance(null);
  }, [rf, onInstance]);
  // Must keep its identity: React Flow copies this prop over the options of a pending fitView() call whenever
  // it changes, which would drop the minimum zoom of large designs.
  const [initialFit] = useState(() => fitOptions(initialCount));
  const { renderNodes, renderEdges, trackViewport } = useRenderElements({ nodes, edges, stableNodes, highlight, rf });

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignFlowNode>[]) =>
      dispatch({ type: "nodes", apply: (ns) => applyNodeChanges(changes, ns), move: moveKindOf(changes) }),
    [dispatch],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<DesignFlowEdge>[]) => dispatch({ type: "edges", apply: (es) => applyEdgeChanges(changes, es) }),
    [dispatch],
  );
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

  return (
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
        fitView={initialCount > 0}
        fitViewOptions={initialFit}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed } }}
        ariaLabelConfig={{
          "node.a11yDescription.default": "Press Enter to select this node, then use the arrow keys to move it.",
        }}
      >
        <ZoneOverlay nodes={nodes} />
        <Background gap={24} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
      </ReactFlow>
    </div>
  );
}
