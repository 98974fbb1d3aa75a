import { useStore, type ReactFlowInstance, type Viewport } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { DesignFlowEdge, DesignFlowNode } from "@/lib/core/canvas/convert";
import { componentNames } from "@/lib/core/canvas/kinds";
import { protocolLineLabel } from "@/lib/core/canvas/labels";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import { LARGE_DESIGN } from "./fit";

type Highlight = { nodeIds: string[]; edgeIds: string[] } | undefined;

/**
 * What React Flow is given to draw: highlighted nodes and edges get a class (other node objects pass through
 * untouched so memoised nodes stay put), edges get their protocol as a label and an accessible name, and on
 * large designs only edges near the screen are drawn.
 */
export function useRenderElements({
  nodes,
  edges,
  stableNodes,
  highlight,
  rf,
}: {
  nodes: DesignFlowNode[];
  edges: DesignFlowEdge[];
  /** The nodes as they were before a drag started (the present otherwise). */
  stableNodes: DesignFlowNode[];
  highlight: Highlight;
  rf: ReactFlowInstance<DesignFlowNode, DesignFlowEdge>;
}) {
  const nodeHighlight = useMemo(() => new Set(highlight?.nodeIds ?? []), [highlight]);
  const edgeHighlight = useMemo(() => new Set(highlight?.edgeIds ?? []), [highlight]);
  const renderNodes = useMemo(
    () => (nodeHighlight.size === 0 ? nodes : nodes.map((n) => (nodeHighlight.has(n.id) ? { ...n, className: "rt-highlight" } : n))),
    [nodes, nodeHighlight],
  );
  // Bring highlighted nodes (e.g. those a finding names) into view whenever the highlight changes.
  const highlightKey = (highlight?.nodeIds ?? []).join("\u0000");
  useEffect(() => {
    if (!highlightKey) return;
    const ids = highlightKey.split("\u0000").filter((id) => rf.getNode(id));
    if (ids.length > 0) void rf.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.4, maxZoom: 1, duration: 300 });
  }, [highlightKey, rf]);

  // On large designs React Flow would draw every edge whose bounding box crosses the screen, and long edges
  // cross it by the thousand; only edges touching a node near the screen are drawn. The filter is computed
  // from the layout before a drag started, so it stays the same array while a node is being dragged.
  const [viewport, setViewport] = useState<Viewport | null>(null);
  // Only the edge filter below reads the viewport: on a smaller design, keeping it as state re-rendered the whole editor
  // (toolbar, palette, properties) after every pan and zoom, and twice while the canvas loads (React Flow's init,
  // then the end of its first fitView). Null there is a state React bails out of setting again, and it keeps a
  // design that grows past the threshold from being filtered by a viewport recorded long before.
  const large = stableNodes.length > LARGE_DESIGN;
  const trackViewport = useCallback((vp: Viewport) => setViewport(large ? vp : null), [large]);
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
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
    // Names, not ids, for screen readers and on the line: "Connection Web app to Orders database", "gRPC".
    const names = componentNames(stableNodes.map((n) => n.data.node));
    return list.map((e) => {
      const hl = edgeHighlight.has(e.id);
      const protocol = e.data?.edge.props?.protocol;
      const label = protocol ? protocolLineLabel(protocol) : undefined;
      return {
        ...e,
        ariaLabel: `Connection ${names.get(e.source) ?? e.source} to ${names.get(e.target) ?? e.target}`,
        ...(hl ? { className: "rt-highlight", animated: true } : {}),
        ...(label && edges.length <= 300 ? { label } : {}),
      };
    });
  }, [edges, edgeHighlight, stableNodes, viewport, paneWidth, paneHeight]);

  return { renderNodes, renderEdges, trackViewport };
}
